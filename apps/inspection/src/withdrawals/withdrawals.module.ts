import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { RiskModule } from '../risk/risk.module';
import { WithdrawalsEventsController } from './withdrawals.events.controller';

@Module({
  imports: [RiskModule, ApprovalsModule],
  controllers: [WithdrawalsEventsController],
})
export class WithdrawalsModule {}

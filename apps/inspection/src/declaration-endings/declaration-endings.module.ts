import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { RiskModule } from '../risk/risk.module';
import { DeclarationEndingsEventsController } from './declaration-endings.events.controller';

@Module({
  imports: [RiskModule, ApprovalsModule],
  controllers: [DeclarationEndingsEventsController],
})
export class DeclarationEndingsModule {}

import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { ApprovalDeskService } from '../approvals/approval-desk.service';
import { RiskService } from '../risk/risk.service';

/**
 * A withdrawn declaration ends all of this service's work on it: no inspection task opens or stays
 * open, and no agency step waits in a queue. One handler (the consumer calls one per event type).
 */
@Controller()
export class WithdrawalsEventsController {
  constructor(
    private readonly risk: RiskService,
    private readonly desk: ApprovalDeskService,
  ) {}

  @OnEvent('DeclarationWithdrawn')
  async onDeclarationWithdrawn(event: IncomingEvent<'DeclarationWithdrawn'>): Promise<void> {
    const at = new Date(event.time);
    await this.risk.withdraw(event.payload.declarationId, at);
    await this.desk.withdraw(event.payload.declarationId, at);
  }
}

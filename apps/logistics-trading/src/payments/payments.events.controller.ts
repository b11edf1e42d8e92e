import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { PaymentsService } from './payments.service';

@Controller()
export class PaymentsEventsController {
  constructor(private readonly payments: PaymentsService) {}

  @OnEvent('DutyAssessed')
  async onDutyAssessed(event: IncomingEvent<'DutyAssessed'>): Promise<void> {
    await this.payments.reconcile(event);
  }

  @OnEvent('DeclarationWithdrawn')
  async onDeclarationWithdrawn(event: IncomingEvent<'DeclarationWithdrawn'>): Promise<void> {
    await this.payments.cancelFor(event.payload.declarationId, new Date(event.time));
  }
}

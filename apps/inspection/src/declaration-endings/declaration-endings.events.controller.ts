import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { ApprovalDeskService } from '../approvals/approval-desk.service';
import { RiskService } from '../risk/risk.service';
import { rejection, releaseRefusal, withdrawal, type DeclarationEnding } from './declaration-ending';

/**
 * A declaration's end ends all of this service's work on it: no inspection task opens or stays open,
 * and no agency step waits in a queue, lapses into a tacit approval or sits overdue in a scorecard. It
 * ends when the importer withdraws it, when customs refuses release (an agency refused, the inspection
 * failed) or rejects it at acceptance review; a rejection is announced both as DeclarationStatusChanged
 * 'rejected' and as ReleaseRefused, in one write: whichever comes first closes, the other finds nothing
 * open. The consumer calls one handler per event type per app: these are inspection's for the three.
 */
@Controller()
export class DeclarationEndingsEventsController {
  constructor(
    private readonly risk: RiskService,
    private readonly desk: ApprovalDeskService,
  ) {}

  @OnEvent('DeclarationWithdrawn')
  async onDeclarationWithdrawn(event: IncomingEvent<'DeclarationWithdrawn'>): Promise<void> {
    await this.close(event, withdrawal(event.payload));
  }

  @OnEvent('ReleaseRefused')
  async onReleaseRefused(event: IncomingEvent<'ReleaseRefused'>): Promise<void> {
    await this.close(event, releaseRefusal(event.payload));
  }

  @OnEvent('DeclarationStatusChanged')
  async onDeclarationStatusChanged(event: IncomingEvent<'DeclarationStatusChanged'>): Promise<void> {
    const ending = rejection(event.payload);
    if (ending) await this.close(event, ending);
  }

  /** At the event's business time; idempotent: a redelivery or a second instance closes nothing twice. */
  private async close(
    event: IncomingEvent<'DeclarationWithdrawn' | 'ReleaseRefused' | 'DeclarationStatusChanged'>,
    ending: DeclarationEnding,
  ): Promise<void> {
    const at = new Date(event.time);
    await this.risk.closeDeclaration(event.payload.declarationId, ending, at);
    await this.desk.closeDeclaration(event.payload.declarationId, ending, at);
  }
}

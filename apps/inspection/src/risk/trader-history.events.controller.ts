import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { TraderHistoryService } from './trader-history.service';

/** The task decisions this service announced, read back from Kafka into the importers' records. */
@Controller()
export class TraderHistoryEventsController {
  constructor(private readonly history: TraderHistoryService) {}

  @OnEvent('InspectionCompleted')
  async onInspectionCompleted(event: IncomingEvent<'InspectionCompleted'>): Promise<void> {
    const { declarationId, taskId, shipmentId, result } = event.payload;
    await this.history.record({
      declarationId,
      taskId,
      shipmentId,
      outcome: result,
      decidedAt: new Date(event.time),
    });
  }

  @OnEvent('InspectionDeemedApproved')
  async onInspectionDeemedApproved(event: IncomingEvent<'InspectionDeemedApproved'>): Promise<void> {
    const { declarationId, taskId, shipmentId } = event.payload;
    await this.history.record({
      declarationId,
      taskId,
      shipmentId,
      outcome: 'deemed-approved',
      decidedAt: new Date(event.time),
    });
  }
}

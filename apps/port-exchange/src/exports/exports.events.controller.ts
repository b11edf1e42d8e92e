import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { ExportShipmentRepository } from './export-records.repository';

/** The export declaration's facts the gate and the loading list check against. */
@Controller()
export class ExportsEventsController {
  constructor(private readonly shipments: ExportShipmentRepository) {}

  @OnEvent('DeclarationAccepted')
  async onDeclarationAccepted(event: IncomingEvent<'DeclarationAccepted'>): Promise<void> {
    const { shipmentId, declarationId, importerId, direction } = event.payload;
    if (direction !== 'export') return;
    await this.shipments.accepted(shipmentId, declarationId, importerId, new Date(event.time));
  }

  @OnEvent('ReleasedForLoading')
  async onReleasedForLoading(event: IncomingEvent<'ReleasedForLoading'>): Promise<void> {
    const { shipmentId, declarationId } = event.payload;
    await this.shipments.releasedForLoading(shipmentId, declarationId, new Date(event.time));
  }

  @OnEvent('DeclarationWithdrawn')
  async onDeclarationWithdrawn(event: IncomingEvent<'DeclarationWithdrawn'>): Promise<void> {
    await this.shipments.closed(event.payload.shipmentId, event.payload.declarationId, 'withdrawn');
  }

  @OnEvent('ReleaseRefused')
  async onReleaseRefused(event: IncomingEvent<'ReleaseRefused'>): Promise<void> {
    await this.shipments.closed(event.payload.shipmentId, event.payload.declarationId, 'refused by customs');
  }
}

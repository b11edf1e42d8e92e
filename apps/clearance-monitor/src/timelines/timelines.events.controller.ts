import { Controller } from '@nestjs/common';
import type { CloudEvent } from '@tongguan/contracts';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { TimelinesService } from './timelines.service';

type AnyEvent = CloudEvent<Record<string, any>>;

/** Folds the four pipeline topics into one timeline per shipment. */
@Controller()
export class TimelinesEventsController {
  constructor(private readonly timelines: TimelinesService) {}

  private fold(event: AnyEvent): Promise<void> {
    return this.timelines.fold(event);
  }

  @OnEvent('CargoArrived') async onCargoArrived(e: IncomingEvent<'CargoArrived'>) {
    await this.fold(e as AnyEvent);
  }
  @OnEvent('DeclarationLodged') async onLodged(e: IncomingEvent<'DeclarationLodged'>) {
    await this.fold(e as AnyEvent);
  }
  @OnEvent('DeclarationAccepted') async onAccepted(e: IncomingEvent<'DeclarationAccepted'>) {
    await this.fold(e as AnyEvent);
  }
  @OnEvent('RiskAssessed') async onRiskAssessed(e: IncomingEvent<'RiskAssessed'>) {
    await this.fold(e as AnyEvent);
  }
  @OnEvent('InspectionCompleted') async onInspected(e: IncomingEvent<'InspectionCompleted'>) {
    await this.fold(e as AnyEvent);
  }
  @OnEvent('InspectionDeemedApproved') async onDeemed(e: IncomingEvent<'InspectionDeemedApproved'>) {
    await this.fold(e as AnyEvent);
  }
  @OnEvent('PaymentSettled') async onPaid(e: IncomingEvent<'PaymentSettled'>) {
    await this.fold(e as AnyEvent);
  }
  @OnEvent('ShipmentReleased') async onReleased(e: IncomingEvent<'ShipmentReleased'>) {
    await this.fold(e as AnyEvent);
  }
  @OnEvent('ReleaseRefused') async onRefused(e: IncomingEvent<'ReleaseRefused'>) {
    await this.fold(e as AnyEvent);
  }
  @OnEvent('GateOutRecorded') async onGateOut(e: IncomingEvent<'GateOutRecorded'>) {
    await this.fold(e as AnyEvent);
  }
}

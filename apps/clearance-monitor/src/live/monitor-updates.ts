import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';

/** What changed in the monitor's view of the port, so live views refresh only when there is news. */
export interface MonitorUpdate {
  kind: 'timeline' | 'alert';
  shipmentId: string;
  /** For alerts: the SLA state the shipment moved to. */
  sla?: 'at-risk' | 'breached';
}

/** The in-process bus between the folds and alerts that change state and the live feeds that show it. */
@Injectable()
export class MonitorUpdates {
  private readonly updates = new Subject<MonitorUpdate>();

  publish(update: MonitorUpdate): void {
    this.updates.next(update);
  }

  stream(): Observable<MonitorUpdate> {
    return this.updates.asObservable();
  }
}

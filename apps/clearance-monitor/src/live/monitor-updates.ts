import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';

/**
 * What changed in the monitor's view of the port, so live views refresh only when there is news: a
 * shipment's timeline, an SLA alert (the state the shipment moved to), or an agency's standing against
 * its target (it fell below it or came back).
 */
export type MonitorUpdate =
  | { kind: 'timeline'; shipmentId: string }
  | { kind: 'alert'; shipmentId: string; sla: 'at-risk' | 'breached' }
  | { kind: 'standing'; agency: string; belowTarget: boolean };

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

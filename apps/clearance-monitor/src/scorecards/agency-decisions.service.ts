import { Injectable } from '@nestjs/common';
import type { NamedEvent } from '@tongguan/contracts';
import { MonitorUpdates } from '../live/monitor-updates';
import { agencyMetrics } from '../metrics/agency-metrics';
import { AgencyDecisionRepository } from './agency-decision.repository';

export type AgencyDecisionEvent = NamedEvent<'AgencyDecisionRecorded'>;

/** One decision per task of an agency step: a redelivered or re-announced decision is the same one. */
export function decisionIdOf(p: Pick<AgencyDecisionEvent['payload'], 'agency' | 'step' | 'taskId'>): string {
  return `${p.agency}:${p.step}:${p.taskId}`;
}

/** Keeps the decisions of the approving agencies on record for their scorecards. */
@Injectable()
export class AgencyDecisionsService {
  constructor(
    private readonly decisions: AgencyDecisionRepository,
    private readonly updates: MonitorUpdates,
  ) {}

  /**
   * Records the decision, dated at the event's business time; the insert that records it first counts
   * it in Prometheus, so a redelivery changes nothing. False when it was on record already.
   */
  async record(event: AgencyDecisionEvent): Promise<boolean> {
    const { reasons: _reasons, ...p } = event.payload;
    const fresh = await this.decisions.record({
      ...p,
      _id: decisionIdOf(p),
      eventId: event.id,
      openedAt: new Date(p.openedAt),
      dueAt: new Date(p.dueAt),
      decidedAt: new Date(event.time),
    });
    if (!fresh) return false;
    const { agency, step, outcome, withinLimit, decisionHours } = p;
    agencyMetrics.decisions.inc({ agency, step, outcome, within_limit: String(withinLimit) });
    agencyMetrics.decisionHours.observe({ agency, step }, decisionHours);
    // the shipment's record changed: live pages refresh (their scorecards with it)
    this.updates.publish({ kind: 'timeline', shipmentId: p.shipmentId });
    return true;
  }
}

import { Injectable } from '@nestjs/common';
import { Clock } from '@tongguan/clock';
import type { CloudEvent, CloudEventMeta, PayloadInput } from '@tongguan/contracts';
import { EventFactory } from '@tongguan/messaging';
import type { Decision } from '@tongguan/persistence';
import { acceptedDataSet } from './assessed-filing';
import { decide, statusAfter, type DeclarationFact, type Transition } from './declaration-lifecycle';
import type { Declaration, StatusChange } from './declaration.schema';
import { DeclarationRepository } from './declaration.repository';

/** What DeclarationAccepted adds for an export: its direction and the VAT-rebate flag. */
export function exportFacts(d: Pick<Declaration, 'direction' | 'vatRebate'>) {
  return d.direction === 'export'
    ? { direction: 'export' as const, vatRebate: d.vatRebate?.eligible ?? false }
    : {};
}

type Cause = Pick<CloudEventMeta, 'id' | 'correlationId'> & { time?: string };

/** DutyAssessed of the declaration's current version: what it owes in all, before any settlement. */
export function dutyAssessedOf(
  d: Pick<Declaration, '_id' | 'shipmentId' | 'importerId' | 'version' | 'duty'>,
): PayloadInput<'DutyAssessed'> {
  const { currency, dutyMinor, vatMinor, totalMinor } = d.duty;
  return {
    shipmentId: d.shipmentId,
    declarationId: d._id,
    importerId: d.importerId,
    declarationVersion: d.version ?? 1,
    currency,
    dutyMinor,
    vatMinor,
    totalMinor,
  };
}

/**
 * Applies a fact to a declaration: load, decide (declaration-lifecycle), save the transition with the
 * events it announces in one write guarded by the revision read. Every fact, from any service or the
 * importer, goes through here.
 */
@Injectable()
export class DeclarationTransitions {
  constructor(
    private readonly declarations: DeclarationRepository,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  /** The transition applied, or null when the fact changed nothing; throws if the declaration is unknown. */
  async apply(
    declarationId: string,
    fact: DeclarationFact,
    cause: Cause,
    /** Events the fact itself announces, sent with the transition's own. */
    extraEvents: CloudEvent[] = [],
  ): Promise<Transition | null> {
    let applied: Transition | null = null;
    const { current } = await this.declarations.modify(declarationId, (declaration) => {
      applied = decide(declaration, fact);
      return applied && this.decision(declaration, applied, cause, extraEvents);
    });
    if (!current) throw new Error(`declaration ${declarationId} unknown`);
    return applied;
  }

  private decision(d: Declaration, t: Transition, cause: Cause, extra: CloudEvent[]): Decision {
    const subject = { shipmentId: d.shipmentId, declarationId: d._id, importerId: d.importerId };
    const causedBy = { causedBy: cause };
    const events: CloudEvent[] = [...extra];
    if (t.accepted) {
      // customs' acceptance review passed: the data set and the assessment go out now [T2]
      const green = { greenChannel: d.greenChannel, confirmed: d.greenChannelGrounds?.confirmed ?? {} };
      events.push(
        this.events.create(
          'DeclarationAccepted',
          { ...subject, ...acceptedDataSet(d.filing, green), ...exportFacts(d) },
          causedBy,
        ),
        this.events.create('DutyAssessed', dutyAssessedOf(d), causedBy),
      );
    }
    for (const step of t.steps.filter((s) => s.announce)) {
      events.push(
        this.events.create(
          'DeclarationStatusChanged',
          { ...subject, status: step.status, reason: step.reason },
          causedBy,
        ),
      );
    }
    if (t.refused)
      events.push(this.events.create('ReleaseRefused', { ...subject, reasons: t.refused }, causedBy));
    if (t.dutyOwedMinor) events.push(this.events.create('DutyAssessed', dutyAssessedOf(d), causedBy));
    const released = !t.released
      ? null
      : d.direction === 'export'
        ? this.events.create(
            'ReleasedForLoading',
            { shipmentId: d.shipmentId, declarationId: d._id, exporterId: d.importerId },
            causedBy,
          )
        : this.events.create('ShipmentReleased', subject, causedBy);
    if (released) events.push(released);
    const at = events[0] ? new Date(events[0].time) : cause.time ? new Date(cause.time) : this.clock.now();
    const history: StatusChange[] = t.steps.map(({ status, by, reason }) => ({ status, at, by, reason }));
    return {
      change: {
        set: {
          ...t.set,
          status: statusAfter(d, t),
          ...(released ? { releasedAt: new Date(released.time) } : {}),
        },
        push: history.length > 0 ? { statusHistory: { $each: history } } : {},
        inc: t.incNoticesAnswered ? { noticesAnswered: 1 } : {},
      },
      events,
    };
  }
}

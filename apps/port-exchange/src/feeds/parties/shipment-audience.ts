import { Injectable } from '@nestjs/common';
import type { NamedEvent } from '@tongguan/contracts';
import { EventLogRepository } from '../event-log/event-log.repository';
import { feedsMetrics } from '../feeds-metrics';
import { audienceOf, fixedAudience, readEvent } from './event-claims';
import { LodgedDeclarations } from './lodged-declarations';
import { decideNaming } from './shipment-parties';
import { RegistrationBatcher } from './registration-batcher';
import { ShipmentPartiesRepository } from './shipment-parties.repository';

/** The traders an event is for, and whether its shipment owes copies of earlier events. */
export interface Stamp {
  parties?: string[];
  owes: boolean;
}

/**
 * Decides which traders (importers, exporters, their brokers) each event is for at the moment it is logged, from the parties its shipment
 * has then (ShipmentPartiesRepository), and stamps it with them, so a feed never changes behind a
 * reader's cursor. A party learnt later (a broker's lodgement, a declaration consumed after an
 * inspection event that belongs to it) is owed the shipment's earlier events: each is logged again as a
 * copy for that party alone, at the head of the log, with the original ce_id. Nothing is lost to a
 * reader that was already past the original, and nothing reaches a party that was never the shipment's.
 */
@Injectable()
export class ShipmentAudience {
  constructor(
    private readonly parties: ShipmentPartiesRepository,
    private readonly registrations: RegistrationBatcher,
    private readonly lodged: LodgedDeclarations,
    private readonly log: EventLogRepository,
  ) {}

  async stamp(event: NamedEvent): Promise<Stamp> {
    const reading = readEvent(event);
    if (!reading) return { owes: false };
    const { claim, renaming } = reading;
    if (renaming) {
      const decision = await this.parties.name(event.subject, (current) =>
        decideNaming(current, event.id, { claim, renaming }),
      );
      if (decision.next) this.lodged.remember(decision.next.declarations);
      return { parties: decision.audience, owes: decision.owes };
    }
    const fixed = fixedAudience(claim, (id) => this.lodged.get(id));
    if (fixed) return { parties: fixed, owes: false };
    const { state, owes } = await this.registrations.register(event.subject, { id: event.id, claim });
    this.lodged.remember(state.declarations);
    return { parties: audienceOf(state, claim), owes };
  }

  /**
   * Logs the copies the shipment owes whose originals are logged, and takes them off what it owes. An
   * original another instance is still logging stays owed, and the shipment stays in the sweep's set.
   * True when nothing is owed any more.
   */
  async deliverOwed(shipmentId: string): Promise<boolean> {
    const owed = await this.parties.owedOf(shipmentId);
    if (owed.length === 0) return true;
    const originals = new Map((await this.log.byIds(owed.map((o) => o.id))).map((e) => [e._id, e]));
    const ready = owed.filter((o) => originals.has(o.id));
    // enqueued in this order, so the copies keep the originals' order in the log
    const copies = ready.flatMap((o) =>
      o.parties.map((party) => ({ original: originals.get(o.id)!, party })),
    );
    await Promise.all(copies.map(({ original, party }) => this.log.appendReplay(original, party)));
    feedsMetrics.replays.inc(copies.length);
    await this.parties.settle(shipmentId, ready);
    if (ready.length === owed.length) return true;
    await this.parties.stillOwing(shipmentId);
    return false;
  }
}

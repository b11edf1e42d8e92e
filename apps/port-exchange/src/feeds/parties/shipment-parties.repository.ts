import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  AggregateRepository,
  ConcurrentModificationError,
  creatingCollection,
  isDuplicateKey,
  OpenSet,
  type OpenEntryBase,
} from '@tongguan/persistence';
import type { AnyBulkWriteOperation, Model } from 'mongoose';
import { OWED_REPLAYS, ShipmentParties } from './shipment-parties.schema';
import { NO_PARTIES, type PartiesState } from './event-claims';
import {
  MAX_HEARD,
  withoutDelivered,
  type HeardEvent,
  type NamingDecision,
  type OwedReplay,
  type ShipmentPartiesRecord,
} from './shipment-parties';

/** The parties as an event saw them, and whether the shipment owes replays. */
export interface Registered {
  state: PartiesState;
  owes: boolean;
}

/** An event that changes no party, to register with its shipment. */
export interface Registration {
  shipmentId: string;
  heard: HeardEvent;
}

type PartiesView = Pick<ShipmentPartiesRecord, 'consignee' | 'declarations' | 'owed'>;

function registered(doc: Partial<PartiesView> | null): Registered {
  return {
    state: {
      consignee: doc?.consignee ?? NO_PARTIES.consignee,
      declarations: doc?.declarations ?? NO_PARTIES.declarations,
    },
    owes: (doc?.owed?.length ?? 0) > 0,
  };
}

const MAX_ATTEMPTS = 8;

/** Loads and saves each shipment's parties (by _id) and the open set of shipments owing replays. */
@Injectable()
export class ShipmentPartiesRepository extends AggregateRepository<ShipmentPartiesRecord> {
  private readonly owing: OpenSet<Record<string, never>>;

  constructor(
    @InjectModel(ShipmentParties.name) parties: Model<ShipmentPartiesRecord>,
    @InjectModel(OWED_REPLAYS) owing: Model<OpenEntryBase>,
  ) {
    super(parties, 'shipment parties');
    this.owing = new OpenSet(owing);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    await this.owing.ensureIndexes();
  }

  /**
   * Registers an event that changes no party, in one atomic write that returns the parties as of it: a
   * naming event decided at the same moment either sees this event in `heard` (and owes it to the
   * parties it adds) or wrote first (and this event's parties include them). The revision moves, so
   * such a naming write, if it read before, reads again.
   */
  async registerOne(shipmentId: string, heard: HeardEvent): Promise<Registered> {
    const write = () =>
      creatingCollection(() =>
        this.model
          .findOneAndUpdate(
            { _id: shipmentId },
            { $push: { heard: { $each: [heard], $slice: -MAX_HEARD } }, $inc: { revision: 1 } },
            { upsert: true, returnDocument: 'after', projection: { consignee: 1, declarations: 1, owed: 1 } },
          )
          .lean<PartiesView>(),
      );
    try {
      return registered(await write());
    } catch (error) {
      // two first events of a shipment raced to create its record: it exists now
      if (!isDuplicateKey(error)) throw error;
      return registered(await write());
    }
  }

  /**
   * Registers several events in two round trips: the parties of their shipments are read, then each
   * shipment's events are pushed guarded by the revision read (a shipment not stored yet is inserted).
   * A shipment whose record moved in between (a naming, another instance) loses its guard — the upsert
   * then collides with the record on _id — and its events are registered one by one as above.
   */
  async registerAll(batch: readonly Registration[]): Promise<Registered[]> {
    const shipmentIds = [...new Set(batch.map((r) => r.shipmentId))];
    const read = await this.model
      .find({ _id: { $in: shipmentIds } }, { consignee: 1, declarations: 1, owed: 1, revision: 1 })
      .lean<(PartiesView & Pick<ShipmentPartiesRecord, '_id' | 'revision'>)[]>();
    const docs = new Map(read.map((doc) => [doc._id, doc]));
    const groups = shipmentIds.map((id) => ({
      id,
      doc: docs.get(id),
      heard: batch.filter((r) => r.shipmentId === id).map((r) => r.heard),
    }));
    const lost = await this.writeAll(
      groups.map(({ id, doc, heard }) =>
        doc
          ? {
              updateOne: {
                filter: { _id: id, revision: doc.revision ?? null },
                update: { $push: { heard: { $each: heard, $slice: -MAX_HEARD } }, $inc: { revision: 1 } },
                upsert: true,
              },
            }
          : {
              insertOne: {
                document: { _id: id, ...NO_PARTIES, heard: heard.slice(-MAX_HEARD), owed: [], revision: 1 },
              },
            },
      ),
    );
    const results = new Map<string, Registered>();
    for (const [index, { id, doc }] of groups.entries()) {
      if (!lost.has(index)) results.set(id, registered(doc ?? null));
    }
    return Promise.all(
      batch.map((r) => results.get(r.shipmentId) ?? this.registerOne(r.shipmentId, r.heard)),
    );
  }

  /** Runs the writes unordered; the positions of those that lost a race (a duplicate key). */
  private async writeAll(operations: AnyBulkWriteOperation<ShipmentPartiesRecord>[]): Promise<Set<number>> {
    try {
      await creatingCollection(() => this.model.bulkWrite(operations, { ordered: false }));
      return new Set();
    } catch (error) {
      const { writeErrors } = error as {
        writeErrors?: { index: number; code?: number }[] | { index: number };
      };
      const errors = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      if (errors.length === 0 || errors.some((e) => !isDuplicateKey(e))) throw error;
      return new Set(errors.map((e) => e.index));
    }
  }

  /**
   * Load, decide, save for an event that names parties; a lost race decides again on what won. When the
   * decision owes replays, the shipment enters the open set first, so a crash before they are logged
   * leaves them to the sweep.
   */
  async name(
    shipmentId: string,
    decide: (current: ShipmentPartiesRecord | null) => NamingDecision,
  ): Promise<NamingDecision & { owes: boolean }> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await this.findById(shipmentId);
      const decision = decide(current);
      if (!decision.next) return { ...decision, owes: (current?.owed?.length ?? 0) > 0 };
      if (decision.replays.length > 0) await this.owing.add(shipmentId, {});
      const saved = current
        ? await this.apply(
            { _id: shipmentId, revision: current.revision ?? null },
            { change: { set: decision.next } },
          )
        : await this.insert({ _id: shipmentId, ...decision.next });
      if (saved) return { ...decision, owes: decision.next.owed.length > 0 };
    }
    throw new ConcurrentModificationError('shipment parties', shipmentId);
  }

  async owedOf(shipmentId: string): Promise<OwedReplay[]> {
    return (await this.findById(shipmentId, { owed: 1 }))?.owed ?? [];
  }

  /** These copies are in the log: no longer owed. */
  async settle(shipmentId: string, delivered: readonly OwedReplay[]): Promise<void> {
    if (delivered.length === 0) return;
    await this.modify(shipmentId, (current) => {
      const owed = withoutDelivered(current.owed ?? [], delivered);
      return JSON.stringify(owed) === JSON.stringify(current.owed ?? [])
        ? null
        : { change: { set: { owed } } };
    });
  }

  /** Shipments that owed replays when last looked at (the set scans only itself). */
  async owingShipments(limit: number): Promise<OpenEntryBase[]> {
    return this.owing.entries({}, { sort: { at: 1 }, limit });
  }

  /** Keeps the shipment in the open set (owed copies wait for their originals). */
  async stillOwing(shipmentId: string): Promise<void> {
    await this.owing.add(shipmentId, {});
  }

  /** Drops a shipment from the open set unless a naming added it again since it was read. */
  async noLongerOwing(entry: OpenEntryBase): Promise<void> {
    await this.owing.removeIfUnchanged(entry);
  }
}

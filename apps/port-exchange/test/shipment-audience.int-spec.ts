import {
  Events,
  type CloudEvent,
  type EventName,
  type NamedEvent,
  type PayloadInput,
} from '@tongguan/contracts';
import mongoose, { type Connection } from 'mongoose';
import { EventLogRepository } from '../src/feeds/event-log/event-log.repository';
import { LoggedEvent, LoggedEventSchema } from '../src/feeds/event-log/logged-event.schema';
import { loadFeedsConfig } from '../src/feeds/feeds-config';
import { LodgedDeclarations } from '../src/feeds/parties/lodged-declarations';
import { RegistrationBatcher } from '../src/feeds/parties/registration-batcher';
import { ReplaySweep } from '../src/feeds/parties/replay-sweep';
import { ShipmentAudience } from '../src/feeds/parties/shipment-audience';
import {
  OWED_REPLAYS,
  OwedReplaysSchema,
  ShipmentParties,
  ShipmentPartiesSchema,
} from '../src/feeds/parties/shipment-parties.schema';
import { ShipmentPartiesRepository } from '../src/feeds/parties/shipment-parties.repository';

/**
 * The parties index and its replays against the real store, with two port-exchange instances: one
 * decides an event's parties and is slow to log it, the other meanwhile consumes the lodgement that
 * makes a broker a party. The copy waits for its original, then the sweep logs it, once.
 */
const runId = process.env.TEST_RUN_ID ?? `r${Date.now().toString(36)}`;
const dbName = `test_${runId}_shipmentaudience`;
const SHIPMENT = 'AUDI6182736450';
let seq = 0;

function named<N extends EventName>(
  name: N,
  payload: Omit<PayloadInput<N>, 'shipmentId'>,
  shipmentId = SHIPMENT,
): NamedEvent & CloudEvent {
  const id = `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  return {
    id,
    name,
    type: Events[name].type,
    source: 'test',
    time: new Date(Date.UTC(2026, 11, 5, 8, 0, seq)).toISOString(),
    subject: shipmentId,
    correlationId: id,
    causationId: id,
    payload: { shipmentId, ...payload },
  } as unknown as NamedEvent & CloudEvent;
}

describe('shipment parties and replays on the real store', () => {
  let connection: Connection;
  let log: EventLogRepository;
  let parties: ShipmentPartiesRepository;
  let audience: ShipmentAudience;
  /** A second port-exchange instance: its own batcher, the same store. */
  let otherInstance: ShipmentAudience;
  let sweep: ReplaySweep;

  beforeAll(async () => {
    const uri = process.env.MONGO_URI;
    if (!uri) throw new Error('MONGO_URI unset: run through jest (its global setup provides it)');
    connection = await mongoose.createConnection(uri, { dbName, retryWrites: false }).asPromise();
    const events = connection.model(LoggedEvent.name, LoggedEventSchema);
    const shipments = connection.model(ShipmentParties.name, ShipmentPartiesSchema);
    const owing = connection.model(OWED_REPLAYS, OwedReplaysSchema);
    for (const model of [events, shipments, owing]) await model.init();
    log = new EventLogRepository(events);
    parties = new ShipmentPartiesRepository(shipments as never, owing as never);
    await parties.onModuleInit();
    const instance = () =>
      new ShipmentAudience(parties, new RegistrationBatcher(parties), new LodgedDeclarations(), log);
    audience = instance();
    otherInstance = instance();
    sweep = new ReplaySweep(parties, audience, loadFeedsConfig({}));
  });

  afterAll(async () => {
    try {
      await connection.dropDatabase();
    } finally {
      await connection.close();
    }
  });

  const logged = async (shipmentId = SHIPMENT) =>
    (await log.scan({ after: 0, limit: 500, shipmentId, admit: () => true })).events.map((e) => ({
      id: e.replayOf ?? e._id,
      copy: e.replayOf !== undefined,
      parties: e.parties,
    }));

  it('logs a copy owed to a broker once its original is logged, through the sweep, and forgets the shipment after', async () => {
    const manifested = named('BillOfLadingManifested', {
      blNumber: SHIPMENT,
      vesselCallId: 'V1',
      carrierPartyId: 'CARRIER-1',
      consigneePartyId: 'TRADER-1',
      revision: 1,
    });
    const stamped = await audience.stamp(manifested);
    await log.append(manifested, stamped.parties);
    expect(stamped).toEqual({ parties: ['TRADER-1'], owes: false });

    // instance 1 decides the arrival's parties, then stalls before logging it
    const arrived = named('CargoArrived', {
      vesselCallId: 'V1',
      vesselName: 'COSCO SHIPPING ARIES',
      voyage: '042E',
      containerNumbers: ['CSQU3054383'],
      packages: 1,
      grossWeightKg: 900,
    });
    const arrivedStamp = await audience.stamp(arrived);
    expect(arrivedStamp.parties).toEqual(['TRADER-1']);

    // instance 2 consumes the broker's lodgement meanwhile: the arrival is owed, but not logged yet
    const lodged = named('DeclarationLodged', {
      declarationId: 'D1',
      importerId: 'TRADER-1',
      filerId: 'BROKER-9',
      greenChannel: false,
    });
    const lodgedStamp = await audience.stamp(lodged);
    expect(lodgedStamp).toEqual({ parties: ['BROKER-9', 'TRADER-1'], owes: true });
    await log.append(lodged, lodgedStamp.parties);
    expect(await audience.deliverOwed(SHIPMENT)).toBe(false);
    expect(await parties.owedOf(SHIPMENT)).toEqual([{ id: arrived.id, parties: ['BROKER-9'] }]);

    // instance 1 logs the arrival; the sweep logs the copy behind it, once however often it runs
    await log.append(arrived, arrivedStamp.parties);
    await sweep.sweep();
    await sweep.sweep();
    expect(await logged()).toEqual([
      { id: manifested.id, copy: false, parties: ['TRADER-1'] },
      { id: lodged.id, copy: false, parties: ['BROKER-9', 'TRADER-1'] },
      { id: arrived.id, copy: false, parties: ['TRADER-1'] },
      { id: arrived.id, copy: true, parties: ['BROKER-9'] },
    ]);
    expect(await parties.owedOf(SHIPMENT)).toEqual([]);
    expect(await parties.owingShipments(10)).toEqual([]);

    // a redelivered lodgement decides nothing new and owes nothing
    expect(await audience.stamp(lodged)).toEqual({ parties: ['BROKER-9', 'TRADER-1'], owes: false });
  });

  it('gives a broker each event registered by two instances while its lodgement is decided exactly once, stamped or copied', async () => {
    const shipmentId = 'RACE6182736450';
    const gateIns = Array.from({ length: 30 }, (_, i) =>
      named('GateInRecorded', { gateTransactionId: `G${i}`, truckPlate: `TRUCK-${i}` }, shipmentId),
    );
    const lodged = named(
      'DeclarationLodged',
      { declarationId: 'D2', importerId: 'TRADER-2', filerId: 'BROKER-7', greenChannel: false },
      shipmentId,
    );
    // gate events from other partitions, on both instances, race the lodgement; more come after it
    const instance = (i: number) => (i % 2 === 0 ? audience : otherInstance);
    const racing = [...gateIns.slice(0, 10), lodged];
    const stamps = await Promise.all(racing.map((e, i) => instance(i).stamp(e)));
    const after = gateIns.slice(10);
    stamps.push(...(await Promise.all(after.map((e, i) => instance(i).stamp(e)))));
    const all = [...racing, ...after];
    await Promise.all(all.map((e, i) => log.append(e, stamps[i].parties)));
    await audience.deliverOwed(shipmentId);
    await sweep.sweep();
    const forBroker = (await logged(shipmentId))
      .filter((e) => e.parties?.includes('BROKER-7'))
      .map((e) => e.id);
    expect(forBroker.sort()).toEqual([...gateIns, lodged].map((e) => e.id).sort());
  });
});

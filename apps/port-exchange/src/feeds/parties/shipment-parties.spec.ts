import { Events, type EventName, type NamedEvent, type PayloadOf } from '@tongguan/contracts';
import { FEED_SCOPES } from '../scopes/feed-scopes';
import {
  audienceOf,
  exporterParty,
  fixedAudience,
  NO_PARTIES,
  readEvent,
  type Claim,
  type PartiesState,
  type Reading,
} from './event-claims';
import {
  decideNaming,
  withoutDelivered,
  type NamingDecision,
  type ShipmentPartiesRecord,
} from './shipment-parties';

const SHIPMENT = 'COSU6182736450';

function named<N extends EventName>(name: N, payload: Partial<PayloadOf<N>>, id = `${name}-1`): NamedEvent {
  return {
    id,
    name,
    type: Events[name].type,
    source: 'test',
    time: '2026-12-05T08:00:00Z',
    subject: SHIPMENT,
    correlationId: id,
    causationId: id,
    payload: { shipmentId: SHIPMENT, ...payload },
  } as unknown as NamedEvent;
}

const lodged = (declarationId: string, importerId: string, filerId: string) =>
  named(
    'DeclarationLodged',
    { declarationId, importerId, filerId, greenChannel: false },
    `lodged-${declarationId}`,
  );

/** A record as the store holds it after these events (common ones registered, naming ones decided). */
function recordAfter(events: NamedEvent[]): ShipmentPartiesRecord {
  let record: ShipmentPartiesRecord | null = null;
  for (const event of events) {
    if (readEvent(event)!.renaming) {
      const { next } = decide(record, event);
      if (next) record = { _id: SHIPMENT, ...next };
    } else {
      const base: ShipmentPartiesRecord = record ?? { _id: SHIPMENT, ...NO_PARTIES, heard: [], owed: [] };
      record = { ...base, heard: [...base.heard, { id: event.id, claim: readEvent(event)!.claim }] };
    }
  }
  return record!;
}

function decide(record: ShipmentPartiesRecord | null, event: NamedEvent): NamingDecision {
  const reading = readEvent(event)!;
  return decideNaming(record, event.id, reading as Reading & { renaming: NonNullable<Reading['renaming']> });
}

const arrived = (id = 'arrived-1') => named('CargoArrived', { vesselCallId: 'V1' }, id);
const risk = (declarationId: string) =>
  named('RiskAssessed', { declarationId, channel: 'GREEN' }, `risk-${declarationId}`);

describe('shipment parties', () => {
  it('reads a claim for every event an importer or an exporter receives', () => {
    const traderEvents = [...Object.keys(FEED_SCOPES.importer), ...Object.keys(FEED_SCOPES.exporter)];
    for (const name of traderEvents as EventName[]) {
      expect({
        name,
        reading: readEvent(named(name, { declarationId: 'D1', importerId: 'T1', consigneePartyId: 'T1' })),
      }).toEqual({
        name,
        reading: expect.objectContaining({ claim: expect.any(Object) }),
      });
    }
    expect(readEvent(named('ClearanceSlaAtRisk', {}))).toBeNull();
  });

  it('gives a declaration’s events to its owner and the broker that filed it, and the cargo’s to every party', () => {
    const state: PartiesState = {
      consignee: 'TRADER-1',
      declarations: [{ declarationId: 'D1', importerId: 'TRADER-1', filerId: 'BROKER-9', withdrawn: false }],
    };
    const ofDeclaration: Claim = { kind: 'declaration', declarationId: 'D1' };
    expect(audienceOf(state, ofDeclaration)).toEqual(['BROKER-9', 'TRADER-1']);
    expect(audienceOf(state, { ...ofDeclaration, importerId: 'TRADER-1' })).toEqual(['BROKER-9', 'TRADER-1']);
    // an event naming another owner than the lodgement's goes to that owner alone
    expect(audienceOf(state, { ...ofDeclaration, importerId: 'TRADER-2' })).toEqual(['TRADER-2']);
    expect(audienceOf(state, { kind: 'shipment' })).toEqual(['BROKER-9', 'TRADER-1']);
    expect(audienceOf(state, { kind: 'party', party: 'TRADER-1' })).toEqual(['TRADER-1']);
    // a declaration not lodged yet as far as the feeds know: the consignee's, or nobody's
    expect(audienceOf(state, { kind: 'declaration', declarationId: 'D2' })).toEqual(['TRADER-1']);
    expect(audienceOf(NO_PARTIES, { kind: 'declaration', declarationId: 'D2' })).toEqual([]);
    expect(audienceOf(NO_PARTIES, { kind: 'shipment' })).toEqual([]);
  });

  it('knows without the store whom a named party’s or a lodged declaration’s event is for, and not a cargo event', () => {
    const lodged = { declarationId: 'D1', importerId: 'TRADER-1', filerId: 'BROKER-9', withdrawn: false };
    const known = (id: string) => (id === 'D1' ? lodged : undefined);
    expect(fixedAudience({ kind: 'declaration', declarationId: 'D1' }, known)).toEqual([
      'BROKER-9',
      'TRADER-1',
    ]);
    expect(
      fixedAudience({ kind: 'declaration', declarationId: 'D2', importerId: 'TRADER-1' }, known),
    ).toBeNull();
    expect(fixedAudience({ kind: 'party', party: 'TRADER-1' }, known)).toEqual(['TRADER-1']);
    expect(fixedAudience({ kind: 'shipment' }, known)).toBeNull();
  });

  it('owes a broker the shipment’s earlier events when it lodges, and the owner nothing it already had', () => {
    const before = recordAfter([
      named('BillOfLadingManifested', { consigneePartyId: 'TRADER-1', carrierPartyId: 'C1' }),
      arrived(),
    ]);
    const decision = decide(before, lodged('D1', 'TRADER-1', 'BROKER-9'));
    expect(decision.audience).toEqual(['BROKER-9', 'TRADER-1']);
    // the manifest line names the consignee: it stays the consignee's
    expect(decision.replays).toEqual([{ id: 'arrived-1', parties: ['BROKER-9'] }]);
    expect(decision.next?.owed).toEqual(decision.replays);
    expect(decision.next?.heard.find((h) => h.id === 'arrived-1')?.given).toEqual(['BROKER-9', 'TRADER-1']);
  });

  it('owes the owner and its broker an inspection event logged before the lodgement reached the feeds', () => {
    const before = recordAfter([risk('D1')]);
    const decision = decide(before, lodged('D1', 'TRADER-1', 'BROKER-9'));
    expect(decision.replays).toEqual([{ id: 'risk-D1', parties: ['BROKER-9', 'TRADER-1'] }]);
  });

  it('gives an export’s events to its exporter as exporter and to the broker that filed it, an early gate refusal once lodged', () => {
    const exported = (declarationId: string, exporterId: string, filerId: string) =>
      named(
        'DeclarationLodged',
        { declarationId, importerId: exporterId, filerId, greenChannel: false, direction: 'export' },
        `lodged-${declarationId}`,
      );
    const refused = named(
      'ExportGateInRefused',
      { reasons: ['no accepted export declaration'] },
      'refused-1',
    );
    const before = recordAfter([refused]);
    expect(audienceOf(before, { kind: 'shipment' })).toEqual([]);
    const decision = decide(before, exported('DX', 'EXPORTER-1', 'BROKER-9'));
    const exporter = exporterParty('EXPORTER-1');
    expect(decision.audience).toEqual(['BROKER-9', exporter]);
    expect(decision.replays).toEqual([{ id: 'refused-1', parties: ['BROKER-9', exporter] }]);
    const after = recordAfter([refused, exported('DX', 'EXPORTER-1', 'BROKER-9')]);
    // the release for loading names the exporter as exporterId
    const release = readEvent(
      named('ReleasedForLoading', { declarationId: 'DX', exporterId: 'EXPORTER-1' }),
    )!;
    expect(audienceOf(after, release.claim)).toEqual(['BROKER-9', exporter]);
    expect(audienceOf(after, readEvent(named('GoodsDeparted', {}))!.claim)).toEqual(['BROKER-9', exporter]);
    // an exporter that files itself is stamped once, as exporter: its importer feed never shows its exports
    const selfFiled = recordAfter([exported('DY', 'TRADER-1', 'TRADER-1')]);
    expect(audienceOf(selfFiled, { kind: 'shipment' })).toEqual([exporterParty('TRADER-1')]);
    expect(audienceOf(NO_PARTIES, release.claim)).toEqual([exporter]);
  });

  it('decides a redelivered naming event once', () => {
    const event = lodged('D1', 'TRADER-1', 'BROKER-9');
    const record = recordAfter([arrived(), event]);
    expect(decide(record, event)).toEqual({ audience: ['BROKER-9', 'TRADER-1'], next: null, replays: [] });
  });

  it('stops giving the cargo’s events to a withdrawn declaration’s broker, and owes a new filer the history', () => {
    const record = recordAfter([
      named('BillOfLadingManifested', { consigneePartyId: 'TRADER-1', carrierPartyId: 'C1' }),
      lodged('D1', 'TRADER-1', 'BROKER-9'),
      arrived(),
      named('DeclarationWithdrawn', { declarationId: 'D1', importerId: 'TRADER-1', reason: 'wrong HS' }),
    ]);
    expect(audienceOf(record, { kind: 'shipment' })).toEqual(['TRADER-1']);
    // the withdrawn declaration's own events still reach its broker
    expect(audienceOf(record, { kind: 'declaration', declarationId: 'D1' })).toEqual([
      'BROKER-9',
      'TRADER-1',
    ]);
    const relodged = decide(record, lodged('D2', 'TRADER-1', 'BROKER-7'));
    expect(relodged.replays).toEqual([{ id: 'arrived-1', parties: ['BROKER-7'] }]);
  });

  it('hands an amended B/L’s cargo events to the new consignee, and a withdrawn B/L’s to nobody new', () => {
    const record = recordAfter([
      named('BillOfLadingManifested', { consigneePartyId: 'TRADER-1', carrierPartyId: 'C1' }),
      arrived(),
    ]);
    const amended = decide(
      record,
      named('BillOfLadingAmended', { consigneePartyId: 'TRADER-2', carrierPartyId: 'C1' }),
    );
    expect(amended.audience).toEqual(['TRADER-2']);
    expect(amended.replays).toEqual([{ id: 'arrived-1', parties: ['TRADER-2'] }]);
    const withdrawn = decide(record, named('BillOfLadingWithdrawn', {}));
    expect(withdrawn.audience).toEqual(['TRADER-1']);
    expect(withdrawn.next?.consignee).toBeNull();
    expect(withdrawn.replays).toEqual([]);
  });

  it('takes delivered copies off what is owed, party by party', () => {
    const owed = [
      { id: 'e1', parties: ['A', 'B'] },
      { id: 'e2', parties: ['A'] },
    ];
    expect(
      withoutDelivered(owed, [
        { id: 'e1', parties: ['A'] },
        { id: 'e2', parties: ['A'] },
      ]),
    ).toEqual([{ id: 'e1', parties: ['B'] }]);
  });
});

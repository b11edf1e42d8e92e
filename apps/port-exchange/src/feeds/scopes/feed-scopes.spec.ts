import { Events, type EventName } from '@tongguan/contracts';
import { getMetadataStorage } from 'class-validator';
import { exporterParty } from '../parties/event-claims';
import {
  effectiveTypes,
  FEED_ROLES,
  FEED_SCOPES,
  projectPayload,
  readerFilter,
  typesInScope,
  typesOutOfScope,
  type RoleScope,
} from './feed-scopes';

/** The payload fields an event type declares (from its validation metadata, parents included). */
function declaredFields(name: EventName): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(Events[name].payload, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/** The fields of each type a role can ever see. */
function visibleFields(role: keyof typeof FEED_SCOPES): Map<EventName, string[]> {
  const scope = FEED_SCOPES[role] as RoleScope;
  return new Map(
    (Object.entries(scope) as [EventName, readonly string[] | 'all'][]).map(([name, fields]) => [
      name,
      fields === 'all' ? declaredFields(name) : [...fields],
    ]),
  );
}

/** Commercial data: what was declared (HS codes, values), what is owed and what was paid. */
const COMMERCIAL = [
  'items',
  'currency',
  'duty',
  'dutyMinor',
  'vatMinor',
  'totalMinor',
  'amountMinor',
  'assessedMinor',
  'dutiesAndTaxesMinor',
  'lines',
];
const MONEY_EVENTS: EventName[] = ['DutyAssessed', 'PaymentRequested', 'PaymentSettled'];

describe('feed scopes', () => {
  it('names only fields the events declare', () => {
    for (const role of FEED_ROLES) {
      for (const [name, fields] of visibleFields(role)) {
        const declared = declaredFields(name);
        expect({ role, name, unknown: fields.filter((f) => !declared.includes(f)) }).toEqual({
          role,
          name,
          unknown: [],
        });
      }
    }
  });

  it.each(['carrier', 'port'] as const)(
    'gives %s no HS code, value, duty or payment, and no declaration data set',
    (role) => {
      for (const [name, fields] of visibleFields(role)) {
        expect({ name, leaked: fields.filter((f) => COMMERCIAL.includes(f)) }).toEqual({ name, leaked: [] });
      }
      const types = typesInScope(role);
      for (const name of [...MONEY_EVENTS, 'DeclarationAccepted', 'DeclarationAmended'] as EventName[]) {
        expect(types).not.toContain(Events[name].type);
      }
    },
  );

  it('gives a carrier the arrival, gate, hold and release facts, and no manifest lines of other carriers', () => {
    const types = typesInScope('carrier');
    expect(types).not.toContain(Events.BillOfLadingManifested.type);
    for (const name of [
      'CargoArrived',
      'GateInRecorded',
      'GateOutRecorded',
      'CustomsHoldPlaced',
      'ShipmentReleased',
    ] as EventName[]) {
      expect(types).toContain(Events[name].type);
    }
  });

  it('gives inspection the declared goods but never duty or payments', () => {
    const fields = visibleFields('inspection');
    expect(fields.get('DeclarationAccepted')).toContain('items');
    expect(fields.get('DeclarationAmended')).not.toContain('duty');
    for (const name of MONEY_EVENTS) expect(fields.has(name)).toBe(false);
  });

  it('keeps the risk score, reasons and officers from importers', () => {
    const fields = visibleFields('importer');
    expect(fields.get('RiskAssessed')).not.toEqual(expect.arrayContaining(['score']));
    expect(fields.get('RiskAssessed')).not.toContain('reasons');
    expect(fields.get('InspectionCompleted')).not.toContain('officerId');
    expect(fields.has('ClearanceSlaAtRisk')).toBe(false);
  });

  it('gives an exporter its export’s moves and its declaration as an importer sees its own, none of the import side’s', () => {
    const exporter = visibleFields('exporter');
    const importer = visibleFields('importer');
    for (const name of [
      'ExportGateInRecorded',
      'ReleasedForLoading',
      'LoadingIncident',
      'GoodsDeparted',
    ] as const) {
      expect(exporter.has(name)).toBe(true);
    }
    for (const name of [
      'DeclarationAccepted',
      'PaymentRequested',
      'RiskAssessed',
      'AgencyDecisionRecorded',
    ] as const) {
      expect({ name, fields: exporter.get(name) }).toEqual({ name, fields: importer.get(name) });
    }
    for (const name of [
      'BillOfLadingManifested',
      'GateOutRecorded',
      'PickupBooked',
      'ClearanceSlaAtRisk',
    ] as const) {
      expect(exporter.has(name)).toBe(false);
    }
    const mine = readerFilter('exporter', 'EXPORTER-1')!;
    expect(mine({ data: {}, parties: [exporterParty('EXPORTER-1')], replayOf: 'e1' })).toBe(true);
    expect(mine({ data: { exporterId: 'EXPORTER-1' }, parties: [exporterParty('EXPORTER-2')] })).toBe(false);
    // the same trader's imports are its importer feed's, not its exporter feed's
    expect(mine({ data: {}, parties: ['EXPORTER-1'] })).toBe(false);
    expect(
      readerFilter('importer', 'EXPORTER-1')!({ data: {}, parties: [exporterParty('EXPORTER-1')] }),
    ).toBe(false);
  });

  it('gives ops every event whole', () => {
    expect(typesInScope('ops').sort()).toEqual(
      Object.values(Events)
        .map((e) => e.type)
        .sort(),
    );
  });

  it('projects a payload to the listed fields and refuses a type outside the scope', () => {
    const released = { shipmentId: 'COSU1', declarationId: 'D1', importerId: 'TRADER-1' };
    expect(projectPayload('carrier', Events.ShipmentReleased.type, released)).toEqual({
      shipmentId: 'COSU1',
    });
    expect(projectPayload('ops', Events.ShipmentReleased.type, released)).toBe(released);
    expect(projectPayload('carrier', Events.DutyAssessed.type, { shipmentId: 'COSU1' })).toBeNull();
    expect(projectPayload('admin', Events.ShipmentReleased.type, released)).toBeNull();
  });

  it('narrows the asked types to the scope and names those outside it', () => {
    const asked = [Events.CargoArrived.type, Events.PaymentSettled.type];
    expect(effectiveTypes('carrier', asked)).toEqual([Events.CargoArrived.type]);
    expect(effectiveTypes('carrier', undefined)).toEqual(typesInScope('carrier'));
    expect(typesOutOfScope('carrier', asked)).toEqual([Events.PaymentSettled.type]);
    expect(typesOutOfScope('admin', asked)).toEqual(asked);
  });

  it('gives an importer each agency decision with its reasons, never the officer or the agency’s timings', () => {
    const fields = visibleFields('importer');
    expect(fields.get('AgencyDecisionRecorded')).toEqual(
      expect.arrayContaining(['agency', 'step', 'outcome', 'reasons']),
    );
    for (const hidden of ['decidedBy', 'decisionHours', 'limitHours', 'traderWaitHours']) {
      expect(fields.get('AgencyDecisionRecorded')).not.toContain(hidden);
    }
    expect(fields.get('ApprovalsRequested')).toContain('approvals');
    expect(fields.get('ComplaintEscalated')).not.toContain('ownerId');
  });

  it('gives an importer the events logged for it, copies included, and nothing else', () => {
    const mine = readerFilter('importer', 'TRADER-1')!;
    expect(mine({ data: {}, parties: ['BROKER-9', 'TRADER-1'] })).toBe(true);
    expect(mine({ data: {}, parties: ['TRADER-1'], replayOf: 'e1' })).toBe(true);
    expect(mine({ data: { importerId: 'TRADER-1' }, parties: ['TRADER-2'] })).toBe(false);
    expect(mine({ data: { importerId: 'TRADER-1' } })).toBe(false);
  });

  it('gives an agency officer and a supervisor only the events naming their agency', () => {
    const licensing = readerFilter('agency', 'licensing')!;
    expect(licensing({ data: { agency: 'licensing' } })).toBe(true);
    expect(licensing({ data: { agency: 'health' } })).toBe(false);
    expect(licensing({ data: { approvals: [{ agency: 'health' }, { agency: 'licensing' }] } })).toBe(true);
    expect(licensing({ data: { approvals: [{ agency: 'health' }] } })).toBe(false);
    expect(readerFilter('supervisor', 'health')!({ data: { agency: 'health' } })).toBe(true);
    expect(readerFilter('customs', 'CUSTOMS-SZ')).toBeNull();
    expect(readerFilter('admin', 'X')!({ data: {} })).toBe(false);
  });
});

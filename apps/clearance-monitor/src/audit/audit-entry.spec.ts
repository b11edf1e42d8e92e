import { Events, type CloudEvent } from '@tongguan/contracts';
import { AUDITED_TYPES, auditEntryOf } from './audit-entry';

function event(type: string, payload: Record<string, unknown>): CloudEvent<Record<string, unknown>> {
  return {
    id: 'e-1',
    type,
    source: 'inspection',
    time: '2026-03-02T09:30:00+08:00',
    subject: 'COSU1',
    correlationId: 'c',
    causationId: 'c',
    payload: { shipmentId: 'COSU1', ...payload },
  };
}

describe('auditEntryOf', () => {
  it('names the officer, the result and the findings of an inspection', () => {
    const entry = auditEntryOf(
      event(Events.InspectionCompleted.type, {
        result: 'failed',
        findings: ['undeclared batteries'],
        officerId: 'OFFICER-9',
      }),
    );
    expect(entry).toEqual({
      eventId: 'e-1',
      shipmentId: 'COSU1',
      at: '2026-03-02T01:30:00.000Z',
      service: 'inspection',
      type: Events.InspectionCompleted.type,
      actor: 'OFFICER-9',
      role: 'inspection',
      action: 'inspection failed',
      reasons: ['undeclared batteries'],
    });
  });

  it('records tacit approval as the agency deciding by its silence, with the reason', () => {
    const entry = auditEntryOf(
      event(Events.InspectionDeemedApproved.type, { reason: 'no decision within the 8-hour time limit' }),
    );
    expect(entry).toMatchObject({
      actor: 'inspection',
      action: 'deemed approved (tacit approval)',
      reasons: ['no decision within the 8-hour time limit'],
    });
  });

  it('covers every pipeline decision of the catalog, and only those', () => {
    const alerts = [Events.ClearanceSlaAtRisk.type, Events.ClearanceSlaBreached.type];
    const decisions = Object.values(Events)
      .map((d) => d.type)
      .filter((t) => !alerts.includes(t));
    expect(AUDITED_TYPES.sort()).toEqual(decisions.sort());
    expect(auditEntryOf(event(Events.ClearanceSlaBreached.type, {}))).toBeNull();
  });
});

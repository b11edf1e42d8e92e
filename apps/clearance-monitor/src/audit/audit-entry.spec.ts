import { Events, type EventName } from '@tongguan/contracts';
import { namedEvent } from '../testing/named-events';
import { auditEntryOf, NOT_AUDITED } from './audit-entry';

const meta = { id: 'e-1', source: 'inspection' };

describe('auditEntryOf', () => {
  it('names the officer, the result and the findings of an inspection', () => {
    const entry = auditEntryOf(
      namedEvent(
        'InspectionCompleted',
        '2026-03-02T09:30:00+08:00',
        { result: 'failed', findings: ['undeclared batteries'], officerId: 'OFFICER-9' },
        meta,
      ),
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
      namedEvent(
        'InspectionDeemedApproved',
        '2026-03-02T09:30:00+08:00',
        { reason: 'no decision within the 8-hour time limit' },
        meta,
      ),
    );
    expect(entry).toMatchObject({
      actor: 'inspection',
      action: 'deemed approved (tacit approval)',
      reasons: ['no decision within the 8-hour time limit'],
    });
  });

  it('lists every document an agency asked for', () => {
    const entry = auditEntryOf(
      namedEvent('DocumentsRequested', '2026-03-02T09:30:00Z', {
        officerId: 'OFFICER-2',
        documents: [{ code: 'CO', description: 'certificate of origin' }],
      }),
    );
    expect(entry).toMatchObject({ actor: 'OFFICER-2', reasons: ['CO: certificate of origin'] });
  });

  it('leaves only the monitor’s own alerts off the record (complaints keep their own history)', () => {
    const alerts: EventName[] = ['ClearanceSlaAtRisk', 'ClearanceSlaBreached', 'ComplaintEscalated'];
    expect([...NOT_AUDITED].sort()).toEqual(alerts.sort());
  });
});

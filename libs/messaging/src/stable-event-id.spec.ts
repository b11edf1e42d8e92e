import { stableEventId } from './stable-event-id';

describe('stableEventId', () => {
  it('gives one decision the same UUID every time and another decision another one', () => {
    const id = stableEventId('InspectionDeemedApproved:task-1');
    expect(id).toBe(stableEventId('InspectionDeemedApproved:task-1'));
    expect(id).not.toBe(stableEventId('InspectionDeemedApproved:task-2'));
    expect(id).not.toBe(stableEventId('InspectionCompleted:task-1'));
  });

  it('is shaped like a version 5 UUID', () => {
    expect(stableEventId('RiskAssessed:DEC-1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

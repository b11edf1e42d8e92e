import { cargoNotHere, decideGateOut, normalisePlate, type GateOutFacts } from './gate-out-rule';

const pickup = {
  bookingId: 'b-1',
  truckPlate: '粤B·12345',
  slotStart: new Date('2026-03-02T02:00:00Z'),
  slotEnd: new Date('2026-03-02T03:00:00Z'),
};

const facts = (overrides: Partial<GateOutFacts> = {}): GateOutFacts => ({
  bill: { dischargedAt: new Date('2026-03-01T20:00:00Z') },
  released: true,
  activeHolds: [],
  pickups: [pickup],
  truckPlate: '粤B12345',
  at: new Date('2026-03-02T02:30:00Z'),
  graceMinutes: 60,
  ...overrides,
});

const codes = (f: GateOutFacts) => {
  const decision = decideGateOut(f);
  return decision.allowed ? [] : decision.reasons.map((r) => r.code);
};

describe('decideGateOut', () => {
  it('lets released, unheld cargo out to the booked truck in its slot', () => {
    expect(decideGateOut(facts())).toEqual({ allowed: true, pickup });
  });

  it('takes the truck from grace minutes before the slot until grace minutes after it', () => {
    expect(codes(facts({ at: new Date('2026-03-02T01:00:00Z') }))).toEqual([]);
    expect(codes(facts({ at: new Date('2026-03-02T00:59:59Z') }))).toEqual(['OUTSIDE_PICKUP_SLOT']);
    expect(codes(facts({ at: new Date('2026-03-02T03:59:59Z') }))).toEqual([]);
    expect(codes(facts({ at: new Date('2026-03-02T04:00:00Z') }))).toEqual(['OUTSIDE_PICKUP_SLOT']);
    expect(codes(facts({ at: new Date('2026-03-02T03:10:00Z'), graceMinutes: 0 }))).toEqual([
      'OUTSIDE_PICKUP_SLOT',
    ]);
  });

  it('refuses cargo customs has not released, and says why', () => {
    const decision = decideGateOut(facts({ released: false }));
    expect(decision).toEqual({
      allowed: false,
      reasons: [{ code: 'NOT_RELEASED', message: 'not released by customs' }],
    });
  });

  it('lists one reason per active customs hold', () => {
    const decision = decideGateOut(
      facts({
        activeHolds: [
          { id: 'h1', reason: 'IPR check' },
          { id: 'h2', reason: 'release refused: x' },
        ],
      }),
    );
    expect(decision.allowed).toBe(false);
    expect(!decision.allowed && decision.reasons.map((r) => r.message)).toEqual([
      'customs hold: IPR check',
      'customs hold: release refused: x',
    ]);
  });

  it('refuses without a booking, and names the booked truck when another one comes', () => {
    expect(codes(facts({ pickups: [] }))).toEqual(['NO_PICKUP_BOOKING']);
    const decision = decideGateOut(facts({ truckPlate: '粤B99999' }));
    expect(!decision.allowed && decision.reasons).toEqual([
      {
        code: 'TRUCK_NOT_BOOKED',
        message: 'truck 粤B99999 is not booked for this shipment (booked: 粤B·12345)',
      },
    ]);
  });

  it('lists every reason at once', () => {
    expect(
      codes(
        facts({
          bill: { dischargedAt: undefined },
          released: false,
          activeHolds: [{ id: 'h1', reason: 'x' }],
          pickups: [],
        }),
      ),
    ).toEqual(['NOT_DISCHARGED', 'NOT_RELEASED', 'CUSTOMS_HOLD', 'NO_PICKUP_BOOKING']);
    expect(codes(facts({ bill: null }))).toEqual(['NOT_MANIFESTED']);
    expect(codes(facts({ bill: { dischargedAt: new Date(), gateOutAt: new Date() } }))).toEqual([
      'ALREADY_LEFT',
    ]);
  });

  it('picks the booking whose slot covers the time when the truck has several', () => {
    const later = {
      ...pickup,
      bookingId: 'b-2',
      slotStart: new Date('2026-03-02T08:00:00Z'),
      slotEnd: new Date('2026-03-02T09:00:00Z'),
    };
    const decision = decideGateOut(facts({ pickups: [later, pickup] }));
    expect(decision.allowed && decision.pickup.bookingId).toBe('b-1');
  });
});

describe('normalisePlate', () => {
  it('ignores case, spaces, dashes and the middle dot', () => {
    expect(normalisePlate(' yue-b 12345 ')).toBe(normalisePlate('YUE-B12345'));
    expect(normalisePlate('粤B·12345')).toBe('粤B12345');
  });
});

describe('cargoNotHere (the gate-in rule)', () => {
  it('names why cargo cannot be collected, and nothing when it is at the terminal', () => {
    const codes = (bill: GateOutFacts['bill']) => cargoNotHere(bill).map((r) => r.code);
    expect(codes(null)).toEqual(['NOT_MANIFESTED']);
    expect(codes({})).toEqual(['NOT_DISCHARGED']);
    expect(codes({ dischargedAt: new Date(), gateOutAt: new Date() })).toEqual(['ALREADY_LEFT']);
    expect(codes({ dischargedAt: new Date() })).toEqual([]);
  });
});

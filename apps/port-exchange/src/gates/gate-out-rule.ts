/**
 * The gate-out rule as a pure function of what the port knows, so every reason to keep the gate
 * shut is listed at once and the rule is tested without a broker or a database.
 */
export interface BookedPickup {
  bookingId: string;
  truckPlate: string;
  slotStart: Date;
  slotEnd: Date;
}

export interface GateOutFacts {
  /** null when the B/L was never manifested at this port. */
  bill: { dischargedAt?: Date; gateOutAt?: Date } | null;
  released: boolean;
  activeHolds: { id: string; reason: string }[];
  /** The shipment's pickups that are booked and not cancelled. */
  pickups: BookedPickup[];
  truckPlate: string;
  at: Date;
  /** How early or late (business minutes) a truck may come around its booked hour. */
  graceMinutes: number;
}

export const GATE_REFUSAL_CODES = [
  'NOT_MANIFESTED',
  'NOT_DISCHARGED',
  'ALREADY_LEFT',
  'NOT_RELEASED',
  'CUSTOMS_HOLD',
  'NO_PICKUP_BOOKING',
  'TRUCK_NOT_BOOKED',
  'OUTSIDE_PICKUP_SLOT',
] as const;
export type GateRefusalCode = (typeof GATE_REFUSAL_CODES)[number];

export interface GateRefusalReason {
  code: GateRefusalCode;
  message: string;
}

export type GateOutDecision =
  { allowed: true; pickup: BookedPickup } | { allowed: false; reasons: GateRefusalReason[] };

const MINUTE_MS = 60_000;

/** Plates are compared as people read them: case, spaces, dashes and the middle dot do not matter. */
export function normalisePlate(plate: string): string {
  return plate.toUpperCase().replace(/[\s\-·.]/g, '');
}

/** Why the cargo is not at the terminal to be collected (none when it is): the gate-in rule too. */
export function cargoNotHere(bill: GateOutFacts['bill']): GateRefusalReason[] {
  if (!bill) return [{ code: 'NOT_MANIFESTED', message: 'bill of lading not manifested at this port' }];
  if (!bill.dischargedAt) return [{ code: 'NOT_DISCHARGED', message: 'cargo not discharged' }];
  if (bill.gateOutAt) return [{ code: 'ALREADY_LEFT', message: 'cargo already left the terminal' }];
  return [];
}

export function decideGateOut(facts: GateOutFacts): GateOutDecision {
  const reasons: GateRefusalReason[] = [];
  const refuse = (code: GateRefusalCode, message: string) => reasons.push({ code, message });
  reasons.push(...cargoNotHere(facts.bill));
  if (!facts.released) refuse('NOT_RELEASED', 'not released by customs');
  for (const hold of facts.activeHolds) refuse('CUSTOMS_HOLD', `customs hold: ${hold.reason}`);

  const plate = normalisePlate(facts.truckPlate);
  const forTruck = facts.pickups.filter((p) => normalisePlate(p.truckPlate) === plate);
  const graceMs = facts.graceMinutes * MINUTE_MS;
  const inWindow = forTruck.find(
    (p) =>
      facts.at.getTime() >= p.slotStart.getTime() - graceMs &&
      facts.at.getTime() < p.slotEnd.getTime() + graceMs,
  );
  if (facts.pickups.length === 0) {
    refuse('NO_PICKUP_BOOKING', 'no pickup booking for this shipment');
  } else if (forTruck.length === 0) {
    const booked = [...new Set(facts.pickups.map((p) => p.truckPlate))].join(', ');
    refuse(
      'TRUCK_NOT_BOOKED',
      `truck ${facts.truckPlate} is not booked for this shipment (booked: ${booked})`,
    );
  } else if (!inWindow) {
    const slots = forTruck.map((p) => `${p.slotStart.toISOString()}/${p.slotEnd.toISOString()}`).join(', ');
    refuse(
      'OUTSIDE_PICKUP_SLOT',
      `truck ${facts.truckPlate} came at ${facts.at.toISOString()}, outside its pickup slot ${slots} (± ${facts.graceMinutes} min)`,
    );
  }
  return reasons.length === 0 && inWindow ? { allowed: true, pickup: inWindow } : { allowed: false, reasons };
}

import { namedEvent } from '../testing/named-events';
import { isInFlight, openSetChanges } from './open-set-changes';
import { applyEvent, emptyTimeline, type FoldedEvent, type TimelineFacts } from './timeline';

const arrived = namedEvent('CargoArrived', '2026-03-02T08:00:00.000Z');
const lodged = namedEvent('DeclarationLodged', '2026-03-02T09:00:00.000Z', {
  declarationId: 'd1',
  importerId: 'T1',
  greenChannel: false,
});
const accepted = namedEvent('DeclarationAccepted', '2026-03-02T09:00:00.000Z', { declarationId: 'd1' });
const assessed = namedEvent('RiskAssessed', '2026-03-02T09:30:00.000Z', {
  declarationId: 'd1',
  channel: 'GREEN',
});
const paid = namedEvent('PaymentSettled', '2026-03-02T11:00:00.000Z');
const released = namedEvent('ShipmentReleased', '2026-03-02T12:00:00.000Z', { declarationId: 'd1' });
const gateOut = namedEvent('GateOutRecorded', '2026-03-02T18:00:00.000Z');
const withdrawn = namedEvent('DeclarationWithdrawn', '2026-03-02T10:00:00.000Z', { declarationId: 'd1' });

const fold = (...list: FoldedEvent[]): TimelineFacts => list.reduce(applyEvent, emptyTimeline('S1'));
const changes = (before: FoldedEvent[], event: FoldedEvent) =>
  openSetChanges(fold(...before), applyEvent(fold(...before), event));

describe('the working sets a fold changes', () => {
  it('puts a shipment in flight at its arrival, whatever came before', () => {
    expect(changes([], arrived)).toMatchObject({
      flies: { arrivedAt: new Date(arrived.time) },
      lands: false,
    });
    expect(changes([lodged, accepted], arrived).flies).toEqual({ arrivedAt: new Date(arrived.time) });
    expect(changes([], lodged).flies).toBeNull();
  });

  it('writes nothing more while the shipment flies, unless an earlier arrival is folded', () => {
    expect(changes([arrived], lodged)).toEqual({ flies: null, lands: false, sample: null });
    const earlier = namedEvent('CargoArrived', '2026-03-02T07:00:00.000Z');
    expect(changes([arrived, lodged], earlier).flies).toEqual({ arrivedAt: new Date(earlier.time) });
  });

  it('lands a shipment released or withdrawn, for good', () => {
    const flying = [arrived, lodged, accepted, assessed, paid];
    expect(changes(flying, released).lands).toBe(true);
    expect(changes([arrived, lodged], withdrawn).lands).toBe(true);
    expect(isInFlight(applyEvent(fold(...flying, released), arrived))).toBe(false);
    // released before its arrival was known (pre-arrival processing): it never flew
    expect(changes([lodged, accepted, assessed, paid, released], arrived)).toMatchObject({
      flies: null,
      lands: false,
    });
  });

  it('samples a release with its stage hours, and again only when they change', () => {
    const sample = changes([arrived, lodged, accepted, assessed, paid], released).sample;
    expect(sample).toEqual({
      channel: 'GREEN',
      releasedAt: new Date(released.time),
      hours: { filing: 1, risk: 0.5, payment: 2, release: 1 },
    });
    // the gate-out changes no stage; a payment folded after the release does
    expect(changes([arrived, lodged, accepted, assessed, paid, released], gateOut).sample).toBeNull();
    expect(changes([arrived, lodged, accepted, assessed, released], paid).sample?.hours).toEqual({
      filing: 1,
      risk: 0.5,
      payment: 2,
      release: 1,
    });
  });
});

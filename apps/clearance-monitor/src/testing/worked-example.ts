import type { RiskChannel } from '@tongguan/contracts';
import { emptyTimeline, type Stamps } from '../timelines/timeline';

/**
 * Four released shipments with every stamp given as hours after their common arrival (negative: before
 * it). The statistics unit test and the monitor's integration test both check the hand-computed
 * figures of this one example (the arithmetic is written out in clearance-statistics.spec.ts).
 */
export interface ExampleShipment {
  suffix: string;
  channel: RiskChannel;
  greenChannel: boolean;
  /** Hours after arrival; inspected is null for GREEN (no check). */
  at: Omit<Record<keyof Stamps, number | null>, 'arrival' | 'gateOut' | 'departed'>;
}

export const WORKED_EXAMPLE: ExampleShipment[] = [
  {
    suffix: 'A',
    channel: 'GREEN',
    greenChannel: true,
    at: { lodged: -2, accepted: -2, riskAssessed: -1.5, inspected: null, paid: 1, released: 2 },
  },
  {
    suffix: 'B',
    channel: 'YELLOW',
    greenChannel: false,
    at: { lodged: 1, accepted: 1, riskAssessed: 2, inspected: 6, paid: 4, released: 7 },
  },
  {
    suffix: 'C',
    channel: 'RED',
    greenChannel: false,
    at: { lodged: 2, accepted: 2, riskAssessed: 3, inspected: 15, paid: 5, released: 18 },
  },
  {
    suffix: 'D',
    channel: 'RED',
    greenChannel: false,
    at: { lodged: 4, accepted: 4, riskAssessed: 6, inspected: 24, paid: 10, released: 25 },
  },
];

export const hoursAfter = (arrival: string, hours: number): string =>
  new Date(Date.parse(arrival) + hours * 3_600_000).toISOString();

export function exampleStamps(example: ExampleShipment, arrival: string): Stamps {
  const stamps: Stamps = { ...emptyTimeline('X').stamps, arrival };
  for (const [stamp, hours] of Object.entries(example.at)) {
    stamps[stamp as keyof Stamps] = hours === null ? null : hoursAfter(arrival, hours);
  }
  return stamps;
}

import type { InspectionSite } from './inspection-sites';

export type SlotCounter = 'standard' | 'green';

export interface SlotPool {
  counter: SlotCounter;
  capacity: number;
}

/**
 * The pools a booking may take a slot from, in order: the green channel first takes its reserved
 * slots, then ordinary ones, so it never waits behind ordinary shipments; others take ordinary slots.
 * Pools without capacity are left out.
 */
export function poolsFor(site: InspectionSite, greenChannel: boolean): SlotPool[] {
  const pools: SlotPool[] = [
    ...(greenChannel ? [{ counter: 'green' as const, capacity: site.greenReservedSlots }] : []),
    { counter: 'standard', capacity: site.dailySlots - site.greenReservedSlots },
  ];
  return pools.filter((pool) => pool.capacity > 0);
}

export function dayId(siteId: string, date: string): string {
  return `${siteId}:${date}`;
}

import { HttpStatus, Injectable } from '@nestjs/common';
import { WorkingCalendar } from '@tongguan/clock';
import { DomainError } from '@tongguan/platform';
import { InspectionSites } from './inspection-sites';
import { SlotDayRepository } from './slot-day.repository';
import { dayId, poolsFor } from './slot-rules';

export interface BookedSlot {
  siteId: string;
  /** The local working day of the inspection. */
  date: string;
  /** Taken from the green channel's reserved capacity. */
  reserved: boolean;
}

const HORIZON_DAYS = 60;

/**
 * Books a physical inspection into the first working day with room at the site, from the pools the
 * shipment may use (slot-rules), each booking one conditional increment below the pool's capacity.
 */
@Injectable()
export class SlotBookingService {
  constructor(
    private readonly days: SlotDayRepository,
    private readonly sites: InspectionSites,
    private readonly calendar: WorkingCalendar,
  ) {}

  async book(from: Date, greenChannel: boolean, siteId?: string): Promise<BookedSlot> {
    const site = this.sites.site(siteId);
    const pools = poolsFor(site, greenChannel);
    for (const date of this.calendar.openDaysFrom(from, HORIZON_DAYS)) {
      for (const pool of pools) {
        if (await this.days.take(site.id, date, pool)) {
          return { siteId: site.id, date, reserved: pool.counter === 'green' };
        }
      }
    }
    throw new Error(`site ${site.id} has no free inspection slot in the next ${HORIZON_DAYS} working days`);
  }

  async day(date: string, siteId?: string) {
    // a site the caller names that is not in the file is the caller's 404, not a server error
    if (siteId !== undefined && !this.sites.sites.some((s) => s.id === siteId))
      throw new DomainError('SLOT.SITE_UNKNOWN', `no inspection site ${siteId}`, HttpStatus.NOT_FOUND);
    const site = this.sites.site(siteId);
    const booked = await this.days.findById(dayId(site.id, date));
    return {
      siteId: site.id,
      date,
      ordinary: { capacity: site.dailySlots - site.greenReservedSlots, booked: booked?.standard ?? 0 },
      greenReserved: { capacity: site.greenReservedSlots, booked: booked?.green ?? 0 },
    };
  }
}

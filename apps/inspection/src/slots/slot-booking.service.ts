import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { WorkingCalendar } from '@tongguan/clock';
import type { Model } from 'mongoose';
import { isDuplicateKey } from '@tongguan/persistence';
import { InspectionSites } from './inspection-sites';
import { SlotDay } from './slot-day.schema';

export interface BookedSlot {
  siteId: string;
  /** The local working day of the inspection. */
  date: string;
  /** Taken from the green channel's reserved capacity. */
  reserved: boolean;
}

const HORIZON_DAYS = 60;

/**
 * Books a physical inspection into the first working day with room at the site. Each booking is one
 * conditional increment of a counter below its cap, so a day is never overbooked; the green channel
 * first takes its reserved slots, then ordinary ones, so it never waits behind ordinary shipments.
 */
@Injectable()
export class SlotBookingService {
  constructor(
    @InjectModel(SlotDay.name) private readonly days: Model<SlotDay>,
    private readonly sites: InspectionSites,
    private readonly calendar: WorkingCalendar,
  ) {}

  async book(from: Date, greenChannel: boolean, siteId?: string): Promise<BookedSlot> {
    const site = this.sites.site(siteId);
    const ordinaryCap = site.dailySlots - site.greenReservedSlots;
    for (const date of this.calendar.openDaysFrom(from, HORIZON_DAYS)) {
      const _id = `${site.id}:${date}`;
      await this.days
        .updateOne(
          { _id },
          { $setOnInsert: { siteId: site.id, date, standard: 0, green: 0 } },
          { upsert: true },
        )
        .catch((error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
        });
      if (greenChannel && (await this.take(_id, 'green', site.greenReservedSlots))) {
        return { siteId: site.id, date, reserved: true };
      }
      if (await this.take(_id, 'standard', ordinaryCap)) return { siteId: site.id, date, reserved: false };
    }
    throw new Error(`site ${site.id} has no free inspection slot in the next ${HORIZON_DAYS} working days`);
  }

  async day(date: string, siteId?: string) {
    const site = this.sites.site(siteId);
    const booked = await this.days.findById(`${site.id}:${date}`).lean();
    const ordinaryCap = site.dailySlots - site.greenReservedSlots;
    return {
      siteId: site.id,
      date,
      ordinary: { capacity: ordinaryCap, booked: booked?.standard ?? 0 },
      greenReserved: { capacity: site.greenReservedSlots, booked: booked?.green ?? 0 },
    };
  }

  private async take(_id: string, counter: 'standard' | 'green', cap: number): Promise<boolean> {
    if (cap <= 0) return false;
    const taken = await this.days.updateOne({ _id, [counter]: { $lt: cap } }, { $inc: { [counter]: 1 } });
    return taken.modifiedCount === 1;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { SlotDay } from './slot-day.schema';
import { dayId, type SlotPool } from './slot-rules';

/** The site days (_id = `${siteId}:${date}`), every read and write by _id. */
@Injectable()
export class SlotDayRepository extends AggregateRepository<SlotDay> {
  constructor(@InjectModel(SlotDay.name) days: Model<SlotDay>) {
    super(days, 'inspection slot day');
  }

  /**
   * Takes one slot of the pool if the day has one left: one conditional increment below the capacity,
   * so a day is never overbooked, whatever the number of instances booking at once.
   */
  async take(siteId: string, date: string, pool: SlotPool): Promise<boolean> {
    const _id = dayId(siteId, date);
    if (!(await this.findById(_id, { _id: 1 }))) {
      // false when another booking created the day first: it is there all the same
      await this.insert({ _id, siteId, date, standard: 0, green: 0 });
    }
    return this.apply(
      { _id, [pool.counter]: { $lt: pool.capacity } },
      { change: { inc: { [pool.counter]: 1 } } },
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { StreamSlot } from './stream-slot.schema';

/** A party's places for open streams, each claimed by _id with a revision-guarded write. */
@Injectable()
export class StreamSlotRepository extends AggregateRepository<StreamSlot> {
  constructor(@InjectModel(StreamSlot.name) slots: Model<StreamSlot>) {
    super(slots, 'stream slot');
  }

  /**
   * Takes a free place of the party (never taken, or its lease ran out) for the holder; of streams
   * racing for one place, one wins and the others try the next. The slot's id, or null when all
   * `max` are held, with the earliest moment one may free up.
   */
  async claim(
    party: string,
    max: number,
    holder: string,
    now: Date,
    leaseMs: number,
  ): Promise<{ slotId: string } | { slotId: null; freeAt: Date }> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    let freeAt = leaseUntil;
    for (let n = 0; n < max; n++) {
      const _id = `${party}#${n}`;
      const slot = await this.findById(_id);
      if (!slot) {
        if (await this.insert({ _id, party, holder, leaseUntil })) return { slotId: _id };
        continue;
      }
      if (slot.leaseUntil.getTime() > now.getTime()) {
        if (slot.leaseUntil < freeAt) freeAt = slot.leaseUntil;
        continue;
      }
      const taken = await this.apply(
        { _id, revision: slot.revision },
        { change: { set: { holder, leaseUntil } } },
      );
      if (taken) return { slotId: _id };
    }
    return { slotId: null, freeAt };
  }

  /** Extends the holder's lease; false when the place is no longer its own (the lease ran out and was taken). */
  async renew(slotId: string, holder: string, leaseUntil: Date): Promise<boolean> {
    const { applied } = await this.modify(slotId, (slot) =>
      slot.holder === holder ? { change: { set: { leaseUntil } } } : null,
    );
    return applied;
  }

  /** Frees the place at once when the stream ends. */
  async release(slotId: string, holder: string): Promise<void> {
    await this.modify(slotId, (slot) =>
      slot.holder === holder ? { change: { set: { leaseUntil: new Date(0) } } } : null,
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import { AggregateRepository, isDuplicateKey, WITHOUT_OUTBOX } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { Notice, type NoticeItem } from './notice.schema';

/**
 * Loads and saves notices. A notice's _id names its round (`<declarationId>-<n>`), so a customs query
 * and an inspection request arriving together land in one notice, and every read goes by _id.
 */
@Injectable()
export class NoticeRepository extends AggregateRepository<Notice> {
  constructor(@InjectModel(Notice.name) notices: Model<Notice>) {
    super(notices, 'notice');
  }

  async findOpen(id: string): Promise<Notice | null> {
    const notice = await this.findById(id, WITHOUT_OUTBOX);
    return notice?.status === 'open' ? notice : null;
  }

  /**
   * Adds items to the open notice of the round, opening it if needed, and moves its answerDueAt to the
   * new items' if later; false when the round was answered meanwhile.
   */
  async addItems(
    id: string,
    opening: Pick<
      Notice,
      'declarationId' | 'shipmentId' | 'importerId' | 'openedAt' | 'greenChannel' | 'answerLimitHours'
    >,
    answerDueAt: Date,
    items: NoticeItem[],
  ): Promise<boolean> {
    try {
      await this.model.updateOne(
        { _id: id, status: 'open' },
        {
          $setOnInsert: { ...opening, status: 'open' },
          $max: { answerDueAt },
          $push: { items: { $each: items } },
          $inc: { revision: 1 },
        },
        { upsert: true },
      );
      return true;
    } catch (error) {
      // an answered notice holds the _id: the upsert collided with it
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Records the one resubmission with its timing and event; false when the notice was answered meanwhile. */
  answer(
    id: string,
    answered: Pick<Notice, 'items' | 'answeredAt' | 'traderHours' | 'answeredWithinLimit'>,
    submitted: CloudEvent,
  ): Promise<boolean> {
    return this.apply(
      { _id: id, status: 'open' },
      { change: { set: { status: 'answered', ...answered } }, events: [submitted] },
    );
  }
}

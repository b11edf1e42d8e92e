import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { FilterQuery, Model } from 'mongoose';
import { Inquiry, UNANSWERED, type InquiryEvent, type InquiryStatus } from './inquiry.schema';

export interface InquiryCriteria {
  importerId?: string;
  status?: InquiryStatus;
  shipmentId?: string;
}

/** Loads and saves inquiries; a claim or an answer is one conditional write, so one officer wins. */
@Injectable()
export class InquiryRepository extends AggregateRepository<Inquiry> {
  constructor(@InjectModel(Inquiry.name) inquiries: Model<Inquiry>) {
    super(inquiries, 'inquiry');
  }

  /** Moves the inquiry from `from` to `to` with the fields given; false when it is no longer `from` (or owned by another). */
  async move(
    id: string,
    from: { status: InquiryStatus; ownerId?: string },
    set: Partial<Inquiry>,
    entry: InquiryEvent,
  ): Promise<boolean> {
    return this.apply({ _id: id, ...from }, { change: { set, push: { history: entry } } });
  }

  /** Inquiries for a reader, oldest first (a list: it scans). */
  list(criteria: InquiryCriteria, page: number, pageSize: number) {
    return this.page(criteria, { sort: { openedAt: 1 }, page, pageSize });
  }

  /**
   * Inquiries that are (overdue true) or are not (false) unanswered past their dueAt at `now`; the late
   * ones soonest due first. An officers' list, served by the { status, dueAt } index.
   */
  async listByLateness(
    criteria: InquiryCriteria,
    lateness: { overdue: boolean; now: Date },
    page: number,
    pageSize: number,
  ): Promise<{ items: Inquiry[]; total: number }> {
    const late: FilterQuery<Inquiry> = { status: { $in: UNANSWERED }, dueAt: { $lt: lateness.now } };
    const filter: FilterQuery<Inquiry> = {
      $and: [criteria as FilterQuery<Inquiry>, lateness.overdue ? late : { $nor: [late] }],
    };
    const sort: Record<string, 1> = lateness.overdue ? { dueAt: 1, _id: 1 } : { openedAt: 1, _id: 1 };
    const [items, total] = await Promise.all([
      this.model
        .find(filter)
        .sort(sort)
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<Inquiry[]>(),
      this.model.countDocuments(filter),
    ]);
    return { items, total };
  }
}

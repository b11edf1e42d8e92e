import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { Inquiry, type InquiryEvent, type InquiryStatus } from './inquiry.schema';

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
  list(
    criteria: { importerId?: string; status?: string; shipmentId?: string },
    page: number,
    pageSize: number,
  ) {
    return this.page(criteria, { sort: { openedAt: 1 }, page, pageSize });
  }
}

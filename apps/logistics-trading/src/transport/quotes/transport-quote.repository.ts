import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { FilterQuery, Model } from 'mongoose';
import { TransportQuote } from './transport-quote.schema';

/** Carriers' quotes, by _id; the order lists the ids of its quotes, so none is searched for by order. */
@Injectable()
export class TransportQuoteRepository extends AggregateRepository<TransportQuote> {
  constructor(@InjectModel(TransportQuote.name) quotes: Model<TransportQuote>) {
    super(quotes, 'transport quote');
  }

  async submit(quote: Omit<TransportQuote, 'revision'>): Promise<void> {
    if (!(await this.insert(quote))) throw new Error(`quote ${quote._id} exists already`);
  }

  async accept(quoteId: string): Promise<void> {
    await this.apply({ _id: quoteId }, { change: { set: { status: 'accepted' } } });
  }

  /** Declines the quotes still submitted among these (each by _id). */
  async decline(quoteIds: string[]): Promise<void> {
    await Promise.all(
      quoteIds.map((_id) =>
        this.apply({ _id, status: 'submitted' }, { change: { set: { status: 'declined' } } }),
      ),
    );
  }

  /** The quotes on an order, for the people looking at it (not a hot path: it scans). */
  async onOrder(orderId: string, carrierId?: string): Promise<TransportQuote[]> {
    const filter: FilterQuery<TransportQuote> = { orderId };
    if (carrierId) filter.carrierId = carrierId;
    return (await this.model
      .find(filter, { revision: 0 })
      .sort({ submittedAt: 1, _id: 1 })
      .limit(500)
      .lean()) as TransportQuote[];
  }
}

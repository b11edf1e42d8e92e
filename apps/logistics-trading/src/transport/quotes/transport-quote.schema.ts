import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const QUOTE_STATUSES = ['submitted', 'accepted', 'declined'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** A carrier's offer to carry an order's cargo: a price, the truck and the hour it will come. */
@Schema({ collection: 'transport_quotes', versionKey: false })
export class TransportQuote {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) orderId: string;
  @Prop({ required: true }) shipmentId: string;
  @Prop({ required: true, index: true }) carrierId: string;
  /** Integer minor units (fen for CNY). */
  @Prop({ required: true }) priceMinor: number;
  @Prop({ required: true }) currency: string;
  @Prop({ required: true }) truckPlate: string;
  /** Start of the terminal hour the truck will come in. */
  @Prop({ required: true }) pickupAt: Date;
  @Prop({ type: String, required: true, enum: QUOTE_STATUSES }) status: QuoteStatus;
  @Prop({ required: true }) submittedAt: Date;
  @Prop() revision?: number;
}

export const TransportQuoteSchema = SchemaFactory.createForClass(TransportQuote);

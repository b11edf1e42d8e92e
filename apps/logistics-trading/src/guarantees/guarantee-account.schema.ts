import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

@Schema({ _id: false, versionKey: false })
export class GuaranteeDraw {
  /** One draw per payment: the payment id is the draw's idempotency key. */
  @Prop({ required: true }) paymentId: string;
  @Prop({ required: true }) receiptNumber: string;
  /** Integer minor units (fen). */
  @Prop({ required: true }) amountMinor: number;
  @Prop({ required: true }) drawnAt: Date;
}

const GuaranteeDrawSchema = SchemaFactory.createForClass(GuaranteeDraw);

/**
 * How much of a guarantee is drawn. The limit lives in the registry file; the amount drawn and the draws
 * live here, in one document, so that checking the limit, adding the amount and recording the draw are
 * one atomic conditional update.
 */
@Schema({ collection: 'guarantee_accounts', versionKey: false })
export class GuaranteeAccount {
  /** The guarantee number. */
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) traderId: string;
  @Prop({ required: true }) drawnMinor: number;
  @Prop({ type: [GuaranteeDrawSchema], default: [] }) draws: GuaranteeDraw[];
  @Prop() revision?: number;
}

export const GuaranteeAccountSchema = SchemaFactory.createForClass(GuaranteeAccount);

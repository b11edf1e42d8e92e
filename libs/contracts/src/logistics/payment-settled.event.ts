import { IsIn, IsInt, IsString, Length, Matches, Min } from 'class-validator';
import { CURRENCY_PATTERN, ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const SETTLEMENT_METHODS = ['gateway', 'guarantee'] as const;

export class PaymentSettledPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) paymentId: string;
  @IsString() @Length(1, 64) importerId: string;
  @Matches(CURRENCY_PATTERN) currency: string;
  @IsInt() @Min(0) amountMinor: number;
  @IsIn(SETTLEMENT_METHODS) method: (typeof SETTLEMENT_METHODS)[number];
  @IsString() @Length(1, 64) receiptNumber: string;
}

export const PaymentSettled = defineEvent({
  type: 'tongguan.logistics.PaymentSettled.v1',
  topic: Topics.logistics,
  source: 'logistics-trading',
  payload: PaymentSettledPayload,
  description: 'Duties and port fees of a shipment are settled [TRS T5 payment].',
});

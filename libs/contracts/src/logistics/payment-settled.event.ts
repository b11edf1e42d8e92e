import { IsIn, IsInt, IsString, Length, Matches, Min } from 'class-validator';
import { CURRENCY_PATTERN } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { CoveredAssessmentPayload } from './covered-assessment';

export const SETTLEMENT_METHODS = ['gateway', 'guarantee'] as const;

export class PaymentSettledPayload extends CoveredAssessmentPayload {
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
  description:
    'A payment of one declaration is settled: the duties and taxes it covers of which version, and the port fees [TRS T5 payment].',
});

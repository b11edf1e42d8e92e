import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { CURRENCY_PATTERN } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { CoveredAssessmentPayload } from './covered-assessment';

export class PaymentLine {
  @IsString() @Length(1, 40) code: string;
  @IsString() @Length(1, 200) description: string;
  @IsInt() @Min(0) amountMinor: number;
}

export class PaymentRequestedPayload extends CoveredAssessmentPayload {
  @IsString() @Length(1, 64) paymentId: string;
  @IsString() @Length(1, 64) importerId: string;
  @Matches(CURRENCY_PATTERN) currency: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => PaymentLine) lines: PaymentLine[];
  @IsInt() @Min(0) totalMinor: number;
}

export const PaymentRequested = defineEvent({
  type: 'tongguan.logistics.PaymentRequested.v1',
  topic: Topics.logistics,
  source: 'logistics-trading',
  payload: PaymentRequestedPayload,
  description:
    'A payment request of one declaration version: its duties and taxes plus port fees (one-stop settlement), or the difference a later version still owes.',
});

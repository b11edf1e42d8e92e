import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { AGENCY_ID_PATTERN, CURRENCY_PATTERN, ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { AcceptedItem } from './declaration-accepted.event';

export class RequiredApproval {
  @Matches(AGENCY_ID_PATTERN) agency: string;
  @Matches(AGENCY_ID_PATTERN) step: string;
  /** The routing rules that require it (config/routing-rules.json), so the audit can name them. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  ruleIds: string[];
}

export class ApprovalsRequestedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsInt() @Min(1) declarationVersion: number;
  @IsString() @Length(1, 64) importerId: string;
  /** Earned from the green-channel register: shorter limits and first place in every agency's queue. */
  @IsBoolean() greenChannel: boolean;
  @Matches(/^\d{4}$/) tradeMode: string;
  @Matches(CURRENCY_PATTERN) currency: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(999)
  @ValidateNested({ each: true })
  @Type(() => AcceptedItem)
  items: AcceptedItem[];
  /** Every agency step the routing rules name for this version, all requested at once; may be empty. */
  @IsArray()
  @ArrayMaxSize(32)
  @ValidateNested({ each: true })
  @Type(() => RequiredApproval)
  approvals: RequiredApproval[];
}

export const ApprovalsRequested = defineEvent({
  type: 'tongguan.declaration.ApprovalsRequested.v1',
  topic: Topics.declaration,
  source: 'declaration',
  payload: ApprovalsRequestedPayload,
  description:
    'The single window fans a lodged (or amended) declaration out to every agency its routing rules name, at once; customs releases only when each has approved or is deemed to.',
});

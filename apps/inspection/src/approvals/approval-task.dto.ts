import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENCY_ID_PATTERN } from '@tongguan/contracts';
import { PageQuery } from '@tongguan/platform';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import {
  APPROVAL_STATUSES,
  type ApprovalItem,
  type ApprovalStatus,
  type ApprovalTask,
} from './approval-task.schema';

export class ListApprovalsQuery extends PageQuery {
  @ApiPropertyOptional({
    example: 'licensing',
    description: 'one agency of the registry; default: all you see',
  })
  @IsOptional()
  @Matches(AGENCY_ID_PATTERN, { message: 'agency must be an agency id of the registry' })
  agency?: string;

  @ApiPropertyOptional({ enum: APPROVAL_STATUSES })
  @IsOptional()
  @IsIn(APPROVAL_STATUSES)
  status?: ApprovalStatus;
}

export const OFFICER_OUTCOMES = ['approved', 'refused'] as const;

/** A refusal must say why: the reasons go to the importer and the audit. */
function NonEmptyWhenRefused(): PropertyDecorator {
  return ValidateBy({
    name: 'nonEmptyWhenRefused',
    validator: {
      validate: (value: unknown, args) =>
        (args?.object as { outcome?: unknown }).outcome !== 'refused' ||
        (Array.isArray(value) && value.length > 0),
      defaultMessage: () => 'reasons must list at least one reason when the outcome is refused',
    },
  });
}

export class ApprovalDecisionDto {
  @ApiProperty({ enum: OFFICER_OUTCOMES })
  @IsIn(OFFICER_OUTCOMES)
  outcome: (typeof OFFICER_OUTCOMES)[number];

  @ApiPropertyOptional({ type: [String], description: 'required and non-empty when the outcome is refused' })
  @ValidateIf((dto: ApprovalDecisionDto) => dto.outcome === 'refused' || dto.reasons !== undefined)
  @NonEmptyWhenRefused()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  reasons?: string[];
}

const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);

export class ApprovalTaskView {
  @ApiProperty() id: string;
  @ApiProperty() declarationId: string;
  @ApiProperty() declarationVersion: number;
  @ApiProperty({ example: 'COSU6182736450' }) shipmentId: string;
  @ApiProperty({ example: 'licensing' }) agency: string;
  @ApiProperty({ example: 'licence-verification' }) step: string;
  @ApiProperty({ type: [String], description: 'the routing rules that required the step' }) ruleIds: string[];
  @ApiProperty() importerId: string;
  @ApiProperty() tradeMode: string;
  @ApiProperty() currency: string;
  @ApiProperty({
    description:
      'the declared lines: hsCode, originCountry, customsValueMinor and the licences and certificates declared (documents: code, number)',
  })
  items: ApprovalItem[];
  @ApiProperty() greenChannel: boolean;
  @ApiProperty({ enum: APPROVAL_STATUSES }) status: ApprovalStatus;
  @ApiProperty({ description: 'whether the step is deemed approved when its limit passes undecided' })
  tacitApproval: boolean;
  @ApiProperty({ description: 'business time, RFC 3339' }) openedAt: string;
  @ApiProperty({ description: "working hours of the agency's calendar" }) limitHours: number;
  @ApiProperty({ description: "business time, RFC 3339: the limit on the agency's calendar" }) dueAt: string;
  @ApiPropertyOptional() overdueAt?: string;
  @ApiPropertyOptional({ description: "the officer's party, or tacit-approval" }) decidedBy?: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiPropertyOptional() decisionHours?: number;
  @ApiPropertyOptional() withinLimit?: boolean;
  @ApiProperty() traderWaitHours: number;
  @ApiPropertyOptional({ description: 'business time, RFC 3339: when the task closed undecided' })
  closedAt?: string;
  @ApiPropertyOptional({
    description: 'why it closed: the withdrawal, the amendment, the refusal or rejection',
  })
  closedReason?: string;

  static of(task: ApprovalTask): ApprovalTaskView {
    const optional = {
      overdueAt: iso(task.overdueAt),
      decidedBy: task.decidedBy,
      decidedAt: iso(task.decidedAt),
      decisionHours: task.decisionHours,
      withinLimit: task.withinLimit,
      closedAt: iso(task.closedAt),
      closedReason: task.closedReason,
    };
    return {
      id: task._id,
      declarationId: task.declarationId,
      declarationVersion: task.declarationVersion,
      shipmentId: task.shipmentId,
      agency: task.agency,
      step: task.step,
      ruleIds: task.ruleIds ?? [],
      importerId: task.importerId,
      tradeMode: task.tradeMode,
      currency: task.currency,
      items: (task.items ?? []).map(({ hsCode, originCountry, customsValueMinor, documents }) => ({
        hsCode,
        originCountry,
        customsValueMinor,
        ...(documents?.length ? { documents } : {}),
      })),
      greenChannel: task.greenChannel,
      status: task.status,
      tacitApproval: task.tacitApproval,
      openedAt: new Date(task.openedAt).toISOString(),
      limitHours: task.limitHours,
      dueAt: new Date(task.dueAt).toISOString(),
      reasons: task.reasons ?? [],
      traderWaitHours: task.traderWaitHours ?? 0,
      ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    };
  }
}

export class ApprovalTaskPage {
  @ApiProperty({ type: [ApprovalTaskView] }) items: ApprovalTaskView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

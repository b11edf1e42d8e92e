import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBlNumber, PageQuery } from '@tongguan/platform';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { INSPECTION_RESULTS, RequestedDocument, type InspectionResult } from '@tongguan/contracts';
import { Type } from 'class-transformer';
import {
  TASK_KINDS,
  TASK_STATUSES,
  type InspectionTask,
  type TaskKind,
  type TaskStatus,
} from './inspection-task.schema';

export class ListTasksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: TaskStatus;

  @ApiPropertyOptional({ example: 'COSU6182736450' })
  @IsOptional()
  @IsBlNumber('shipmentId')
  shipmentId?: string;
}

export class DocumentRequestDto {
  @ApiProperty({
    type: [RequestedDocument],
    example: [
      { code: 'HEALTH_CERTIFICATE', description: 'veterinary health certificate of the exporting country' },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RequestedDocument)
  documents: RequestedDocument[];
}

/** A failed inspection must say why: the findings become the reasons of the release refusal. */
function NonEmptyWhenFailed(): PropertyDecorator {
  return ValidateBy({
    name: 'nonEmptyWhenFailed',
    validator: {
      validate: (value: unknown, args) =>
        (args?.object as { result?: unknown }).result !== 'failed' ||
        (Array.isArray(value) && value.length > 0),
      defaultMessage: () => 'findings must list at least one finding when the result is failed',
    },
  });
}

export class RecordResultDto {
  @ApiProperty({ enum: INSPECTION_RESULTS }) @IsIn(INSPECTION_RESULTS) result: InspectionResult;

  @ApiPropertyOptional({ type: [String], description: 'required and non-empty when the result is failed' })
  @ValidateIf((dto: RecordResultDto) => dto.result === 'failed' || dto.findings !== undefined)
  @NonEmptyWhenFailed()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  findings?: string[];
}

export class RequestedDocumentView {
  @ApiProperty() code: string;
  @ApiProperty() description: string;
}

export class DocumentRequestView {
  @ApiProperty() requestId: string;
  @ApiProperty({ type: [RequestedDocumentView] }) documents: RequestedDocumentView[];
  @ApiProperty({ description: 'business time, RFC 3339' }) requestedAt: string;
  @ApiPropertyOptional({ description: 'business time, RFC 3339; absent while unanswered' })
  answeredAt?: string;
}

export class InspectionTaskView {
  @ApiProperty() id: string;
  @ApiProperty() assessmentId: string;
  @ApiProperty() declarationId: string;
  @ApiProperty({ example: 'COSU6182736450' }) shipmentId: string;
  @ApiProperty({ enum: TASK_KINDS }) kind: TaskKind;
  @ApiProperty({ enum: TASK_STATUSES }) status: TaskStatus;
  @ApiProperty() greenChannel: boolean;
  @ApiProperty({ description: 'business time, RFC 3339' }) openedAt: string;
  @ApiProperty() limitHours: number;
  @ApiProperty({ description: 'business time, RFC 3339; tacit approval when it passes undecided' })
  deadline: string;
  @ApiPropertyOptional() officerId?: string;
  @ApiPropertyOptional({ description: 'the officer who took the task' }) claimedBy?: string;
  @ApiPropertyOptional({ description: 'RED: site and working day of the physical inspection' })
  slot?: { siteId: string; date: string; reserved: boolean };
  @ApiProperty({ type: [String] }) findings: string[];
  @ApiPropertyOptional({ description: 'business time, RFC 3339' }) decidedAt?: string;
  @ApiPropertyOptional({ description: 'why it closed undecided: the withdrawal, amendment or refusal' })
  closedReason?: string;
  @ApiPropertyOptional({ description: 'documents awaited from the importer since (time limit paused)' })
  pausedAt?: string;
  @ApiProperty({
    type: [DocumentRequestView],
    description: 'documents asked of the importer, each request with its answer time',
  })
  documentRequests: DocumentRequestView[];

  static of(task: InspectionTask): InspectionTaskView {
    return {
      id: task._id,
      assessmentId: task.assessmentId,
      declarationId: task.declarationId,
      shipmentId: task.shipmentId,
      kind: task.kind,
      status: task.status,
      greenChannel: task.greenChannel,
      openedAt: new Date(task.openedAt).toISOString(),
      limitHours: task.limitHours,
      deadline: new Date(task.deadline).toISOString(),
      ...(task.officerId ? { officerId: task.officerId } : {}),
      ...(task.claimedBy ? { claimedBy: task.claimedBy } : {}),
      ...(task.slot ? { slot: task.slot } : {}),
      findings: task.findings ?? [],
      ...(task.decidedAt ? { decidedAt: new Date(task.decidedAt).toISOString() } : {}),
      ...(task.closedReason ? { closedReason: task.closedReason } : {}),
      ...(task.pausedAt ? { pausedAt: new Date(task.pausedAt).toISOString() } : {}),
      documentRequests: (task.documentRequests ?? []).map((r) => ({
        requestId: r.requestId,
        documents: r.documents,
        requestedAt: new Date(r.requestedAt).toISOString(),
        ...(r.answeredAt ? { answeredAt: new Date(r.answeredAt).toISOString() } : {}),
      })),
    };
  }
}

export class InspectionTaskPage {
  @ApiProperty({ type: [InspectionTaskView] }) items: InspectionTaskView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENCY_ID_PATTERN } from '@tongguan/contracts';
import { IsBlNumber, PageQuery } from '@tongguan/platform';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { COMPLAINT_STATUSES } from './complaint-lifecycle';

const NOT_BLANK = /\S/;

/** What a list may filter on: a status, or escalated (escalated whatever its status since). */
export const COMPLAINT_FILTERS = [...COMPLAINT_STATUSES, 'escalated'] as const;
export type ComplaintFilter = (typeof COMPLAINT_FILTERS)[number];

export class FileComplaintDto {
  @ApiProperty({ example: 'COSU6182736450' }) @IsBlNumber('shipmentId') shipmentId: string;
  @ApiProperty({ example: 'licensing', description: 'An agency of GET /v1/agencies' })
  @IsString()
  @Length(1, 64)
  agency: string;
  @ApiPropertyOptional({
    example: 'licence-verification',
    description: "One of the agency's steps; omitted for the agency as a whole",
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  step?: string;
  @ApiProperty({ example: 'Licence verification has taken five working days' })
  @IsString()
  @Length(3, 200)
  @Matches(NOT_BLANK, { message: 'subject must not be blank' })
  subject: string;
  @ApiProperty({ example: 'The licence was uploaded on Monday; nobody has looked at it since.' })
  @IsString()
  @Length(10, 4000)
  @Matches(NOT_BLANK, { message: 'text must not be blank' })
  text: string;
}

export class AnswerComplaintDto {
  @ApiProperty({ example: 'The licence was verified this morning; the delay was a staff shortage.' })
  @IsString()
  @Length(2, 4000)
  @Matches(NOT_BLANK, { message: 'answer must not be blank' })
  answer: string;
}

export class ReopenComplaintDto {
  @ApiProperty({ example: 'The licence still shows as unverified.' })
  @IsString()
  @Length(3, 2000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason: string;
}

export class ListComplaintsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: COMPLAINT_FILTERS })
  @IsOptional()
  @IsIn(COMPLAINT_FILTERS)
  status?: ComplaintFilter;
  @ApiPropertyOptional({ example: 'licensing' })
  @IsOptional()
  @Matches(AGENCY_ID_PATTERN, { message: 'agency must be an agency id (lower case, digits, dashes)' })
  agency?: string;
  @ApiPropertyOptional() @IsOptional() @IsBlNumber('shipmentId') shipmentId?: string;
}

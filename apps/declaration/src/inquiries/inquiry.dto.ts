import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBlNumber, PageQuery } from '@tongguan/platform';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { INQUIRY_STATUSES, type InquiryStatus } from './inquiry.schema';

export class OpenInquiryDto {
  @ApiProperty({ example: 'COSU6182736450' }) @IsBlNumber('shipmentId') shipmentId: string;
  @ApiProperty({ example: 'Which quarantine certificate does the fish need?' })
  @IsString()
  @Length(5, 2000)
  question: string;
}

export class AnswerInquiryDto {
  @ApiProperty({
    example: 'The veterinary health certificate of Norway, original, with the container numbers.',
  })
  @IsString()
  @Length(2, 4000)
  answer: string;
}

export class ListInquiriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INQUIRY_STATUSES })
  @IsOptional()
  @IsIn(INQUIRY_STATUSES)
  status?: InquiryStatus;
  @ApiPropertyOptional() @IsOptional() @IsBlNumber('shipmentId') shipmentId?: string;
  @ApiPropertyOptional({
    description:
      'true: only unanswered inquiries past their dueAt, soonest due first; false: only the others',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}

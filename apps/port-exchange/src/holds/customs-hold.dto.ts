import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBlNumber, PageQuery } from '@tongguan/platform';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { HOLD_STATUSES, type HoldStatus } from './customs-hold.schema';

export class PlaceHoldDto {
  @ApiProperty({ example: 'COSU6182736450' }) @IsBlNumber() blNumber: string;
  @ApiProperty({ example: 'suspected IPR infringement: awaiting rights holder' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class LiftHoldDto {
  @ApiProperty({ example: 'rights holder confirmed the goods are genuine' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class ListHoldsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'COSU6182736450' }) @IsOptional() @IsBlNumber() blNumber?: string;
  @ApiPropertyOptional({ enum: HOLD_STATUSES }) @IsOptional() @IsIn(HOLD_STATUSES) status?: HoldStatus;
  @ApiPropertyOptional({
    description: 'true: only active holds past their reviewDueAt, soonest due first; false: only the others',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}

export class CustomsHoldView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() shipmentId: string;
  @ApiProperty({ enum: HOLD_STATUSES }) status: HoldStatus;
  @ApiProperty({ example: 'CUSTOMS-3', description: "the officer, or 'customs' when the platform placed it" })
  placedBy: string;
  @ApiProperty() reason: string;
  @ApiProperty() placedAt: Date;
  @ApiPropertyOptional({
    example: 16,
    description: "the registry's customs/hold limit, in working hours of customs' calendar",
  })
  reviewLimitHours?: number;
  @ApiPropertyOptional({ description: 'when customs is to have reviewed the hold' }) reviewDueAt?: Date;
  @ApiProperty({ description: 'still active past reviewDueAt, as of now' }) overdue: boolean;
  @ApiPropertyOptional() liftedBy?: string;
  @ApiPropertyOptional() liftReason?: string;
  @ApiPropertyOptional() liftedAt?: Date;
  @ApiPropertyOptional({ description: 'customs working hours from placing to lifting' }) reviewHours?: number;
  @ApiPropertyOptional({ description: 'whether the lift came by reviewDueAt' }) liftedWithinLimit?: boolean;
}

export class CustomsHoldPage {
  @ApiProperty({ type: [CustomsHoldView] }) items: CustomsHoldView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

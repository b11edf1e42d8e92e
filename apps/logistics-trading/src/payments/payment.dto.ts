import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BL_NUMBER_PATTERN, normaliseBlNumber } from '@tongguan/contracts';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PAYMENT_STATUSES, type PaymentStatus } from './payment.schema';

export class ListPaymentsQuery {
  @ApiPropertyOptional({ example: 'COSU6182736450' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseBlNumber(value) : value,
  )
  @Matches(BL_NUMBER_PATTERN, {
    message: 'shipmentId must be a bill of lading number: 4-35 letters, digits or dashes',
  })
  shipmentId?: string;

  @ApiPropertyOptional({ enum: PAYMENT_STATUSES })
  @IsOptional()
  @IsIn(PAYMENT_STATUSES)
  status?: PaymentStatus;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}

export class SettlePaymentDto {
  @ApiProperty({
    example: 'b7c1e2f0-settle-1',
    description: 'Chosen by the importer; retrying with the same key never charges twice',
  })
  @IsString()
  @Length(8, 64)
  @Matches(/^[\x21-\x7e]*$/, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey: string;
}

export class PaymentLineView {
  @ApiProperty({ example: 'PORT_THC' }) code: string;
  @ApiProperty({ example: 'Terminal handling charge (per bill of lading)' }) description: string;
  @ApiProperty({ example: 98000, description: 'integer minor units (fen)' }) amountMinor: number;
}

export class PaymentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'COSU6182736450' }) shipmentId: string;
  @ApiProperty() declarationId: string;
  @ApiProperty({ example: 'TRADER-1' }) importerId: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ type: [PaymentLineView] }) lines: PaymentLineView[];
  @ApiProperty({ example: 389912, description: 'integer minor units (fen)' }) totalMinor: number;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status: PaymentStatus;
  @ApiProperty() requestedAt: Date;
  @ApiPropertyOptional() settledAt?: Date;
  @ApiPropertyOptional() receiptNumber?: string;
}

export class PaymentPage {
  @ApiProperty({ type: [PaymentView] }) items: PaymentView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class PaymentReceipt {
  @ApiProperty({ format: 'uuid' }) paymentId: string;
  @ApiProperty() shipmentId: string;
  @ApiProperty({ enum: ['settled'] }) status: 'settled';
  @ApiProperty({ example: 'LGW-20260302-9F3A1C22B7' }) receiptNumber: string;
  @ApiProperty({ description: 'integer minor units (fen)' }) amountMinor: number;
  @ApiProperty() currency: string;
  @ApiProperty() settledAt: Date;
}

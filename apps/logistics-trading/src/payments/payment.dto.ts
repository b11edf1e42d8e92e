import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBlNumber, PageQuery } from '@tongguan/platform';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PAYMENT_STATUSES, type PaymentStatus } from './payment.schema';

export class ListPaymentsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'COSU6182736450' })
  @IsOptional()
  @IsBlNumber('shipmentId')
  shipmentId?: string;

  @ApiPropertyOptional({ enum: PAYMENT_STATUSES })
  @IsOptional()
  @IsIn(PAYMENT_STATUSES)
  status?: PaymentStatus;
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

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SETTLEMENT_METHODS } from '@tongguan/contracts';
import { IsBlNumber, PageQuery } from '@tongguan/platform';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PAYMENT_STATUSES, type PaymentStatus, type SettlementMethod } from './payment.schema';

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
    description:
      'Chosen by the importer; retrying with the same key (even concurrently) never charges twice and answers the same receipt',
  })
  @IsString()
  @Length(8, 64)
  @Matches(/^[\x21-\x7e]*$/, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey: string;

  @ApiPropertyOptional({
    enum: SETTLEMENT_METHODS,
    default: 'gateway',
    description:
      "'gateway' takes the money now; 'guarantee' (AEO traders with a registered bank guarantee) draws on the guarantee's limit, so customs may release before the money moves",
  })
  @IsOptional()
  @IsIn(SETTLEMENT_METHODS, { message: `method must be one of ${SETTLEMENT_METHODS.join(', ')}` })
  method: SettlementMethod = 'gateway';
}

export class PaymentLineView {
  @ApiProperty({ example: 'PORT_THC' }) code: string;
  @ApiProperty({ example: 'Terminal handling charge (per bill of lading)' }) description: string;
  @ApiProperty({ example: 98000, description: 'integer minor units (fen)' }) amountMinor: number;
}

export class StorageView {
  @ApiProperty({ description: 'business time of the discharge (CargoArrived)' }) dischargedAt: Date;
  @ApiProperty({
    example: 9,
    description: 'calendar days in the terminal (port local time), the day of discharge = day 1',
  })
  storageDays: number;
}

/** Which request of which declaration version a payment (and its receipt) bills. */
abstract class BilledVersionView {
  @ApiProperty() declarationId: string;
  @ApiProperty({
    example: 1,
    description: "1: the declaration's request with the port fees; 2, 3…: a difference",
  })
  sequence: number;
  @ApiProperty({
    example: 2,
    description: 'the declaration version whose assessment the duties were billed against',
  })
  declarationVersion: number;
  @ApiProperty({
    description:
      "that version's whole assessment (fen); dutiesAndTaxesMinor is the part this payment collects",
  })
  assessedMinor: number;
}

export class PaymentView extends BilledVersionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'COSU6182736450' }) shipmentId: string;
  @ApiProperty({ example: 'TRADER-1' }) importerId: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({
    type: [PaymentLineView],
    description: 'as of `asOf`: storage grows daily until settlement, then the settled figures stay',
  })
  lines: PaymentLineView[];
  @ApiProperty({ description: 'duty, VAT and other taxes (fen)' }) dutiesAndTaxesMinor: number;
  @ApiProperty({ description: 'handling and storage (fen)' }) portFeesMinor: number;
  @ApiProperty({ example: 389912, description: 'integer minor units (fen)' }) totalMinor: number;
  @ApiProperty({
    description: 'business instant of the figures: now while requested, the settlement instant once settled',
  })
  asOf: Date;
  @ApiPropertyOptional({ type: StorageView, description: 'absent until the cargo is discharged' })
  storage?: StorageView;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status: PaymentStatus;
  @ApiProperty() requestedAt: Date;
  @ApiPropertyOptional({
    example: 24,
    description: "the registry's trader/payment limit, in hours of the trader's calendar",
  })
  limitHours?: number;
  @ApiPropertyOptional({
    description: 'when the request is to be paid (absent on requests older than limits)',
  })
  dueAt?: Date;
  @ApiProperty({ description: 'still requested past dueAt, as of now (no penalty follows)' })
  overdue: boolean;
  @ApiPropertyOptional() settledAt?: Date;
  @ApiPropertyOptional() receiptNumber?: string;
  @ApiPropertyOptional({ description: 'whether the settlement came by dueAt' }) settledWithinLimit?: boolean;
  @ApiPropertyOptional({ enum: SETTLEMENT_METHODS }) method?: SettlementMethod;
}

export class PaymentPage {
  @ApiProperty({ type: [PaymentView] }) items: PaymentView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class ReceiptGuaranteeView {
  @ApiProperty({ example: 'BG-ICBC-SZ-2026-0001' }) guaranteeNumber: string;
  @ApiProperty({ example: 'AEO-CN-4403-0001' }) aeoCertificate: string;
  @ApiProperty({ example: 'Industrial and Commercial Bank of China, Shenzhen Branch' }) bank: string;
}

export class PaymentReceipt extends BilledVersionView {
  @ApiProperty({ example: 'RCT-20260310-9F3A1C22B7' }) receiptNumber: string;
  @ApiProperty({ format: 'uuid' }) paymentId: string;
  @ApiProperty() shipmentId: string;
  @ApiProperty() importerId: string;
  @ApiProperty({ enum: ['settled'] }) status: 'settled';
  @ApiProperty({ enum: SETTLEMENT_METHODS }) method: SettlementMethod;
  @ApiProperty() currency: string;
  @ApiProperty({ type: [PaymentLineView] }) lines: PaymentLineView[];
  @ApiProperty({ description: 'duty, VAT and other taxes (fen)' }) dutiesAndTaxesMinor: number;
  @ApiProperty({ description: 'handling and storage (fen)' }) portFeesMinor: number;
  @ApiProperty({ description: 'the amount charged or drawn (fen)' }) totalMinor: number;
  @ApiProperty({ description: 'business instant the amounts (storage days) were counted to' })
  chargedAsOf: Date;
  @ApiPropertyOptional({ type: StorageView }) storage?: StorageView;
  @ApiProperty({ description: 'business time the gateway took the money or the guarantee was drawn' })
  paidAt: Date;
  @ApiProperty({
    example: 'LGW-20260310-4F2A9C01D3',
    description: "the gateway's receipt number, or the guarantee number drawn on",
  })
  reference: string;
  @ApiPropertyOptional({ type: ReceiptGuaranteeView }) guarantee?: ReceiptGuaranteeView;
}

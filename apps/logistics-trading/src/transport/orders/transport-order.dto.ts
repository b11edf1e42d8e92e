import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBlNumber, PageQuery } from '@tongguan/platform';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ORDER_STATUSES, type OrderStatus } from './transport-order.schema';

export class CreateTransportOrderDto {
  @ApiProperty({ example: 'COSU6182736450' }) @IsBlNumber() blNumber: string;

  @ApiProperty({ example: 'CNSZX-YICT', description: 'the terminal where the cargo is collected' })
  @Matches(/^[A-Z0-9-]{2,40}$/, { message: 'terminal must be a terminal id such as CNSZX-YICT' })
  terminal: string;

  @ApiProperty({ example: 'Dongguan, Songshan Lake warehouse 3' })
  @IsString()
  @Length(1, 200)
  destination: string;

  @ApiPropertyOptional({ example: '2026-03-02T09:00:00+08:00', description: 'no pickup before this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  earliestPickup?: string;
}

export class ListTransportOrdersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
}

export class TransportOrderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'COSU6182736450' }) shipmentId: string;
  @ApiProperty({ example: 'TRADER-1' }) importerId: string;
  @ApiProperty({ example: 'CNSZX-YICT' }) terminal: string;
  @ApiProperty() destination: string;
  @ApiPropertyOptional() earliestPickup?: Date;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ format: 'uuid' }) bookingId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) acceptedQuoteId?: string;
  @ApiPropertyOptional() carrierId?: string;
  @ApiPropertyOptional() cancelledAt?: Date;
}

export class TransportOrderPage {
  @ApiProperty({ type: [TransportOrderView] }) items: TransportOrderView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

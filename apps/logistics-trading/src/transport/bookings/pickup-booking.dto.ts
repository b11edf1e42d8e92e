import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { BOOKING_STATUSES, type BookingStatus } from './pickup-booking.schema';

export class CancelBookingDto {
  @ApiProperty({ example: 'truck broke down' }) @IsString() @Length(1, 500) reason: string;
}

export class PickupBookingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ format: 'uuid' }) quoteId: string;
  @ApiProperty({ example: 'COSU6182736450' }) shipmentId: string;
  @ApiProperty({ example: 'TRADER-1' }) importerId: string;
  @ApiProperty({ example: 'CARRIER-1' }) carrierId: string;
  @ApiProperty({ example: '粤B12345' }) truckPlate: string;
  @ApiProperty({ example: 'CNSZX-YICT' }) terminal: string;
  @ApiProperty({ description: 'start of the reserved terminal hour' }) slotStart: Date;
  @ApiProperty({ description: 'end of the reserved terminal hour (exclusive)' }) slotEnd: Date;
  @ApiProperty({ description: 'integer minor units' }) priceMinor: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ enum: BOOKING_STATUSES }) status: BookingStatus;
  @ApiProperty() bookedAt: Date;
  @ApiPropertyOptional() cancelledAt?: Date;
  @ApiPropertyOptional() cancelledBy?: string;
  @ApiPropertyOptional() cancelReason?: string;
}

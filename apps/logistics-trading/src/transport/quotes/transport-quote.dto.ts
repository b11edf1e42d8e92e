import { ApiProperty } from '@nestjs/swagger';
import { CURRENCY_PATTERN } from '@tongguan/contracts';
import { IsInt, IsISO8601, IsString, Length, Matches, Max, Min } from 'class-validator';
import { QUOTE_STATUSES, type QuoteStatus } from './transport-quote.schema';

export class SubmitQuoteDto {
  @ApiProperty({ example: 180000, description: 'integer minor units (fen for CNY)' })
  @IsInt({ message: 'priceMinor must be an integer in minor units (fen), not a decimal amount' })
  @Min(1)
  @Max(100_000_000)
  priceMinor: number;

  @ApiProperty({ example: 'CNY' })
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency: string;

  @ApiProperty({ example: '粤B12345' }) @IsString() @Length(2, 20) truckPlate: string;

  @ApiProperty({
    example: '2026-03-02T14:00:00+08:00',
    description: 'when the truck will come; the booking reserves the terminal hour that contains it',
  })
  @IsISO8601({ strict: true })
  pickupAt: string;
}

export class TransportQuoteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() shipmentId: string;
  @ApiProperty({ example: 'CARRIER-1' }) carrierId: string;
  @ApiProperty({ example: 180000 }) priceMinor: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty() truckPlate: string;
  @ApiProperty({ description: 'start of the terminal hour' }) pickupAt: Date;
  @ApiProperty({ enum: QUOTE_STATUSES }) status: QuoteStatus;
  @ApiProperty() submittedAt: Date;
}

export class TransportQuoteList {
  @ApiProperty({ type: [TransportQuoteView] }) items: TransportQuoteView[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBlNumber } from '@tongguan/platform';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class GateInDto {
  @ApiProperty({ example: 'COSU6182736450' }) @IsBlNumber() blNumber: string;
  @ApiProperty({ example: '粤B12345' }) @IsString() @Length(2, 20) truckPlate: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the pickup booking the truck comes for' })
  @IsOptional()
  @IsUUID()
  bookingId?: string;
}

export class GateInView {
  @ApiProperty({ format: 'uuid' }) gateTransactionId: string;
  @ApiProperty() shipmentId: string;
  @ApiProperty() truckPlate: string;
  @ApiPropertyOptional() bookingId?: string;
  @ApiProperty({ enum: ['recorded'] }) status: 'recorded';
  @ApiProperty() at: Date;
}

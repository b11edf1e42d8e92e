import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateVesselCallDto {
  @ApiProperty({ example: 'COSCO SHIPPING ARIES' }) @IsString() @Length(1, 100) vesselName: string;
  @ApiProperty({ example: '042E' }) @IsString() @Length(1, 32) voyage: string;
  @ApiPropertyOptional({ example: '9783497' }) @IsOptional() @Matches(/^\d{7}$/) imoNumber?: string;
  @ApiProperty({ example: '2026-03-02T06:00:00Z' }) @IsISO8601({ strict: true }) eta: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsBlNumber } from '@tongguan/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNumber,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class ManifestLineDto {
  @ApiProperty({ example: 'COSU6182736450' })
  @IsBlNumber()
  blNumber: string;

  @ApiProperty({ example: 'SHENZHEN TRADING CO' }) @IsString() @Length(1, 200) consignee: string;

  @ApiProperty({ example: ['CSQU3054383'] })
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^[A-Z]{4}\d{7}$/, { each: true, message: 'each container number must be 4 letters and 7 digits' })
  containerNumbers: string[];

  @ApiProperty({ example: 120 }) @IsInt() @Min(1) @Max(1_000_000) packages: number;
  @ApiProperty({ example: 18250.5 })
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(1e9)
  grossWeightKg: number;
}

export class FileManifestDto {
  @ApiProperty({ type: [ManifestLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ManifestLineDto)
  billsOfLading: ManifestLineDto[];
}

export class DischargeDto {
  @ApiProperty({ example: 'COSU6182736450' })
  @IsBlNumber()
  blNumber: string;
}

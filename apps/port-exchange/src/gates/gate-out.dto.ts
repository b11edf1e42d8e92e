import { ApiProperty } from '@nestjs/swagger';
import { IsBlNumber } from '@tongguan/platform';
import { IsString, Length } from 'class-validator';

export class GateOutDto {
  @ApiProperty({ example: 'COSU6182736450' })
  @IsBlNumber()
  blNumber: string;

  @ApiProperty({ example: '粤B12345' }) @IsString() @Length(2, 20) truckPlate: string;
}

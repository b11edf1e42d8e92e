import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class GateOutDto {
  @ApiProperty({ example: 'COSU6182736450' })
  @Matches(/^\s*[A-Za-z0-9][A-Za-z0-9-]{3,34}\s*$/, {
    message: 'blNumber must be 4-35 letters, digits or dashes',
  })
  blNumber: string;

  @ApiProperty({ example: '粤B12345' }) @IsString() @Length(2, 20) truckPlate: string;
}

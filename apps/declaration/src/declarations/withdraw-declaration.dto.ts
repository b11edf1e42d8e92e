import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class WithdrawDeclarationDto {
  @ApiProperty({ example: 'goods sold afloat; the buyer will declare them' })
  @IsString()
  @Length(5, 500)
  reason: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, Length } from 'class-validator';
import { LodgeDeclarationDto } from './lodge-declaration.dto';

export class AmendDeclarationDto {
  @ApiProperty({ example: 'invoice corrected: the second car was not shipped' })
  @IsString()
  @Length(5, 500)
  reason: string;

  /** The whole data set as it should now read; validated like a new filing (every deficiency at once). */
  @ApiProperty({ type: LodgeDeclarationDto })
  @IsObject()
  declaration: Record<string, unknown>;
}

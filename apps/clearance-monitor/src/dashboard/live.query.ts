import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class LiveQuery {
  @ApiPropertyOptional({
    description: 'Bearer token (role ops); EventSource cannot send headers. Never logged.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 4096)
  token?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class ClearanceStatsQuery {
  @ApiPropertyOptional({ description: 'Window start (RFC 3339, business time), on the release stamp' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Window end, exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DECLARATION_STATUSES, type DeclarationStatus } from './declaration-status';

export class ListDeclarationsQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(/^\s*[A-Za-z0-9][A-Za-z0-9-]{3,34}\s*$/) shipmentId?: string;
  @ApiPropertyOptional({ enum: DECLARATION_STATUSES })
  @IsOptional()
  @IsIn(DECLARATION_STATUSES)
  status?: DeclarationStatus;
  @ApiPropertyOptional({ default: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(10_000) page: number = 1;
  @ApiPropertyOptional({ default: 20 }) @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 20;
}

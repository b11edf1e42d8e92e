import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBlNumber, PageQuery } from '@tongguan/platform';
import { IsIn, IsOptional } from 'class-validator';
import { DECLARATION_STATUSES, type DeclarationStatus } from './declaration-status';

export class ListDeclarationsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'COSU6182736450' })
  @IsOptional()
  @IsBlNumber('shipmentId')
  shipmentId?: string;

  @ApiPropertyOptional({ enum: DECLARATION_STATUSES })
  @IsOptional()
  @IsIn(DECLARATION_STATUSES)
  status?: DeclarationStatus;
}

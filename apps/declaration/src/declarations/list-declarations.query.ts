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

  @ApiPropertyOptional({
    enum: ['owner', 'filer'],
    default: 'owner',
    description:
      "for an importer: the declarations it owns (the manifest's consignee), or those it filed (as a broker)",
  })
  @IsOptional()
  @IsIn(['owner', 'filer'])
  as?: 'owner' | 'filer';
}

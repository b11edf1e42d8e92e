import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { ShipmentIdPipe } from '@tongguan/platform';
import { DelegationsService } from './delegations.service';

export class FilingRightView {
  @ApiProperty({ example: 'COSU6182736450' }) blNumber: string;
  @ApiProperty({ description: 'whether the caller may lodge a declaration for the B/L now' })
  mayDeclare: boolean;
  @ApiPropertyOptional({
    enum: ['BL_NOT_MANIFESTED', 'NOT_CONSIGNEE'],
    description: 'why not: the same code a lodgement would be refused with',
  })
  code?: string;
  @ApiPropertyOptional({ description: 'the consignee the declaration would belong to (only when allowed)' })
  ownerPartyId?: string;
  @ApiPropertyOptional({ description: 'the caller would file as a broker authorised by the consignee' })
  asBroker?: boolean;
}

/**
 * Lets an importer or broker ask, before filing, whether the manifest has reached customs and names it
 * (or a consignee that authorised it): the same decision the lodgement makes, and nothing more.
 */
@ApiTags('delegations')
@Controller('v1/filing-rights')
export class FilingRightsController {
  constructor(private readonly delegations: DelegationsService) {}

  @Get(':blNumber')
  @Roles('importer')
  @ApiOperation({
    summary:
      'May I declare this B/L now? (manifest transmitted, and I am its consignee or an authorised broker)',
  })
  @ApiOkResponse({ type: FilingRightView })
  async get(
    @Param('blNumber', ShipmentIdPipe) blNumber: string,
    @CurrentPrincipal() filer: Principal,
  ): Promise<FilingRightView> {
    const right = await this.delegations.filingRight(blNumber, filer.party);
    return right.kind === 'allowed'
      ? { blNumber, mayDeclare: true, ownerPartyId: right.ownerPartyId, asBroker: right.asBroker }
      : { blNumber, mayDeclare: false, code: right.problem.code };
  }
}

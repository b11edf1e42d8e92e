import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { GuaranteeNumberParam, GuaranteeView } from './guarantee.dto';
import { GuaranteesService } from './guarantees.service';

@ApiTags('guarantees')
@Controller('v1/guarantees')
export class GuaranteesController {
  constructor(private readonly guarantees: GuaranteesService) {}

  @Get()
  @Roles('importer', 'customs', 'ops')
  @ApiOperation({
    summary: 'AEO bank guarantees with their limit, amount drawn and draws; an importer sees its own',
  })
  @ApiOkResponse({ type: [GuaranteeView] })
  list(@CurrentPrincipal() caller: Principal): Promise<GuaranteeView[]> {
    return this.guarantees.list(caller);
  }

  @Get(':guaranteeNumber')
  @Roles('importer', 'customs', 'ops')
  @ApiOperation({ summary: "One AEO bank guarantee (404 for another importer's)" })
  @ApiOkResponse({ type: GuaranteeView })
  @ApiNotFoundResponse({ description: 'GUARANTEE.NOT_FOUND' })
  @ApiUnprocessableEntityResponse({ description: 'REQUEST.INVALID (not a guarantee number)' })
  get(
    @Param() { guaranteeNumber }: GuaranteeNumberParam,
    @CurrentPrincipal() caller: Principal,
  ): Promise<GuaranteeView> {
    return this.guarantees.get(guaranteeNumber, caller);
  }
}

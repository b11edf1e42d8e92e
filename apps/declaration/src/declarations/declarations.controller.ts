import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { ApiBusinessRules, CorrelationId } from '@tongguan/platform';
import { AmendDeclarationDto } from './amend-declaration.dto';
import { AmendmentsService } from './amendments.service';
import { DeclarationsService } from './declarations.service';
import { ListDeclarationsQuery } from './list-declarations.query';
import { LodgeDeclarationDto } from './lodge-declaration.dto';
import { WithdrawDeclarationDto } from './withdraw-declaration.dto';

@ApiTags('declarations')
@Controller('v1/declarations')
export class DeclarationsController {
  constructor(
    private readonly declarations: DeclarationsService,
    private readonly amendments: AmendmentsService,
  ) {}

  @Post()
  @Roles('importer', 'exporter')
  @ApiOperation({
    summary:
      'Lodge an import declaration (before or after arrival) or an export declaration (direction export)',
    description:
      "An export is lodged by the exporter (role exporter) or a broker naming the exporterId that authorised it, before the goods reach the port; it owes export duty where the tariff has one and no VAT, carries the VAT-rebate flag (vatRebate), and is released for loading once its goods passed the terminal's export gate-in.",
  })
  @ApiBody({ type: LodgeDeclarationDto })
  @ApiUnprocessableEntityResponse({
    description: 'Every deficiency of the filing at once: { errors: [{ path, code, message }] }',
  })
  @ApiConflictResponse({
    description:
      'DECLARATION.DUPLICATE_BL: the filing is complete but another declaration holds (or is being lodged for) its B/L',
  })
  // The body is validated by FilingValidator, not the global pipe, so that field errors, code lists and
  // cross-field rules are reported together.
  @ApiBusinessRules(
    'The B/L must be on a manifest transmitted to customs; currency, countries, HS codes and trade mode must be in their code lists; the weights and values must agree; a preference or a duty relief must be backed by its certificate (DECLARATION.DEFICIENT)',
  )
  lodge(
    @Body() body: Record<string, unknown>,
    @CurrentPrincipal() importer: Principal,
    @CorrelationId() correlationId?: string,
  ) {
    return this.declarations.lodge(body, importer, correlationId);
  }

  @Post(':id/amendments')
  @HttpCode(200)
  @Roles('importer', 'exporter')
  @ApiOperation({
    summary: 'Amend before release: the whole data set with a reason; validated, re-assessed, versioned',
    description:
      'Also while or after a payment settles: the settlements of the declaration count against the new ' +
      "version's assessment; `paid` says whether they cover it, otherwise the difference is requested and " +
      'release waits for it. 409 DECLARATION.NOT_AMENDABLE once released, refused or withdrawn.',
  })
  @ApiBody({ type: AmendDeclarationDto })
  @ApiBusinessRules(
    'As for lodging: code lists, the manifest and the weights and values must agree; relief needs its certificate (DECLARATION.DEFICIENT)',
  )
  amend(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AmendDeclarationDto,
    @CurrentPrincipal() importer: Principal,
    @CorrelationId() correlationId?: string,
  ) {
    return this.amendments.amend(id, dto.declaration, dto.reason, importer, correlationId);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('importer', 'exporter')
  @ApiOperation({ summary: 'Withdraw the declaration before release (409 once released or refused)' })
  withdraw(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: WithdrawDeclarationDto,
    @CurrentPrincipal() importer: Principal,
    @CorrelationId() correlationId?: string,
  ) {
    return this.declarations.withdraw(id, importer, dto.reason, correlationId);
  }

  @Get()
  @Roles('importer', 'exporter', 'customs', 'inspection', 'ops')
  list(@Query() query: ListDeclarationsQuery, @CurrentPrincipal() reader: Principal) {
    return this.declarations.list(query, reader);
  }

  @Get(':id')
  @Roles('importer', 'exporter', 'customs', 'inspection', 'ops')
  @ApiOperation({ summary: 'The declaration with its status history' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() reader: Principal) {
    return this.declarations.get(id, reader);
  }
}

import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import {
  BrokerParam,
  DelegationPage,
  DelegationView,
  GrantDelegationDto,
  ListDelegationsQuery,
} from './delegation.dto';
import { DelegationsService } from './delegations.service';

/**
 * A consignee (role importer, its party the trader id) authorises customs brokers to declare its B/Ls.
 * Brokers use the importer role with their own party: the delegation, not the role, is what lets a
 * broker declare a B/L whose manifest names another consignee.
 */
@ApiTags('delegations')
@Controller('v1/delegations')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  @Post()
  @Roles('importer', 'exporter')
  @ApiOperation({
    summary: 'Authorise a broker to declare your B/Ls (the consignee the manifest names is the caller)',
    description: 'Granting an active delegation again changes nothing; a revoked one becomes active again.',
  })
  @ApiCreatedResponse({ type: DelegationView })
  @ApiUnprocessableEntityResponse({
    description: 'REQUEST.INVALID, or DELEGATION.INVALID with SELF_DELEGATION',
  })
  grant(@Body() dto: GrantDelegationDto, @CurrentPrincipal() consignee: Principal): Promise<DelegationView> {
    return this.delegations.grant(consignee, dto.brokerPartyId);
  }

  @Get()
  @Roles('importer', 'exporter')
  @ApiOperation({ summary: 'Your delegations to brokers, active and revoked, newest first' })
  @ApiOkResponse({ type: DelegationPage })
  list(
    @Query() query: ListDelegationsQuery,
    @CurrentPrincipal() consignee: Principal,
  ): Promise<DelegationPage> {
    return this.delegations.list(consignee, query.page, query.pageSize);
  }

  @Delete(':brokerPartyId')
  @Roles('importer', 'exporter')
  @ApiOperation({ summary: "Revoke a broker's delegation: its later filings for your B/Ls are refused" })
  @ApiOkResponse({ type: DelegationView })
  @ApiNotFoundResponse({ description: 'DELEGATION.NOT_FOUND: none active to that broker' })
  revoke(@Param() params: BrokerParam, @CurrentPrincipal() consignee: Principal): Promise<DelegationView> {
    return this.delegations.revoke(consignee, params.brokerPartyId);
  }
}

import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiBusinessRules } from '@tongguan/platform';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import {
  AeoCertificateDto,
  ListGreenChannelQuery,
  MajorProjectDto,
  PartyParam,
  ProjectCodeParam,
} from './green-channel.dto';
import { GreenChannelService } from './green-channel.service';

/**
 * The green-channel register: customs and operations keep it (every change kept with who and when); an
 * importer reads its own standing. A lodgement earns the green channel only from it.
 */
@ApiTags('green-channel')
@ApiBearerAuth()
@Controller('v1/green-channel')
export class GreenChannelController {
  constructor(private readonly register: GreenChannelService) {}

  @Get()
  @Roles('customs', 'ops')
  @ApiOperation({
    summary: 'The register: AEO certificates by party and major projects by code, active and revoked',
  })
  list(@Query() query: ListGreenChannelQuery) {
    return this.register.list(query);
  }

  @Get('me')
  @Roles('importer')
  @ApiOperation({ summary: 'Your own standing: your AEO certificate and the projects registered to you' })
  mine(@CurrentPrincipal() importer: Principal) {
    return this.register.mine(importer);
  }

  @Get('aeo/:partyId')
  @Roles('customs', 'ops')
  @ApiOperation({ summary: "A party's AEO certificate with every change made to it" })
  @ApiNotFoundResponse({ description: 'no certificate was ever registered for the party' })
  aeo(@Param() { partyId }: PartyParam) {
    return this.register.one('aeo', partyId);
  }

  @Put('aeo/:partyId')
  @Roles('customs', 'ops')
  @ApiOperation({
    summary: "Register or change a party's AEO certificate (a revoked one becomes active again)",
  })
  @ApiUnprocessableEntityResponse({ description: 'REQUEST.INVALID with every problem of the body' })
  @ApiBusinessRules('validTo must not be before validFrom (VALIDITY_REVERSED)')
  putAeo(
    @Param() { partyId }: PartyParam,
    @Body() dto: AeoCertificateDto,
    @CurrentPrincipal() operator: Principal,
  ) {
    return this.register.registerAeo(partyId, dto, operator);
  }

  @Delete('aeo/:partyId')
  @Roles('customs', 'ops')
  @ApiOperation({
    summary: "Revoke a party's AEO certificate: its next filings lodge without the green channel",
  })
  @ApiNotFoundResponse({ description: 'no certificate was ever registered for the party' })
  deleteAeo(@Param() { partyId }: PartyParam, @CurrentPrincipal() operator: Principal) {
    return this.register.revoke('aeo', partyId, operator);
  }

  @Get('major-projects/:code')
  @Roles('customs', 'ops')
  @ApiOperation({ summary: 'A major project with every change made to it' })
  @ApiNotFoundResponse({ description: 'no project was ever registered under the code' })
  project(@Param() { code }: ProjectCodeParam) {
    return this.register.one('major-project', code);
  }

  @Put('major-projects/:code')
  @Roles('customs', 'ops')
  @ApiOperation({ summary: 'Register or change a major project and the importer that carries it out' })
  @ApiUnprocessableEntityResponse({ description: 'REQUEST.INVALID with every problem of the body' })
  @ApiBusinessRules('validTo must not be before validFrom (VALIDITY_REVERSED)')
  putProject(
    @Param() { code }: ProjectCodeParam,
    @Body() dto: MajorProjectDto,
    @CurrentPrincipal() operator: Principal,
  ) {
    return this.register.registerProject(code, dto, operator);
  }

  @Delete('major-projects/:code')
  @Roles('customs', 'ops')
  @ApiOperation({ summary: 'Revoke a major project: filings naming it lodge without the green channel' })
  @ApiNotFoundResponse({ description: 'no project was ever registered under the code' })
  deleteProject(@Param() { code }: ProjectCodeParam, @CurrentPrincipal() operator: Principal) {
    return this.register.revoke('major-project', code, operator);
  }
}

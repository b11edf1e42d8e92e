import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiBusinessRules } from '@tongguan/platform';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import {
  CreateVesselCallDto,
  ListVesselCallsQuery,
  RecordArrivalDto,
  VesselCallPage,
  VesselCallView,
} from './vessel-call.dto';
import { VesselCallsService } from './vessel-calls.service';

@ApiTags('vessel calls')
@Controller('v1/vessel-calls')
export class VesselCallsController {
  constructor(private readonly calls: VesselCallsService) {}

  @Post()
  @Roles('port', 'carrier')
  @ApiOperation({
    summary: 'Announce a vessel call with its ETA',
    description:
      'The call and its manifest belong to the party of the token (carrier or terminal): only that party files, ' +
      'amends or withdraws its manifest lines.',
  })
  @ApiCreatedResponse({ type: VesselCallView })
  @ApiUnprocessableEntityResponse({ description: 'REQUEST.INVALID with every problem' })
  @ApiBusinessRules('imoNumber must end in its IMO check digit')
  create(@Body() dto: CreateVesselCallDto, @CurrentPrincipal() owner: Principal): Promise<VesselCallView> {
    return this.calls.create(dto, owner);
  }

  @Get()
  @Roles('port', 'carrier', 'customs', 'ops')
  @ApiOperation({
    summary: 'Vessel calls by ETA, filtered by vessel, voyage, IMO number, status and ETA range',
    description: 'A carrier sees only its own calls; the terminal, customs and operations see every call.',
  })
  @ApiOkResponse({ type: VesselCallPage })
  @ApiBusinessRules('etaTo must not be before etaFrom')
  list(@Query() query: ListVesselCallsQuery, @CurrentPrincipal() reader: Principal): Promise<VesselCallPage> {
    return this.calls.list(query, reader);
  }

  @Get(':id')
  @Roles('port', 'carrier', 'customs', 'ops')
  @ApiOperation({ summary: 'One vessel call with its ETA and ATA' })
  @ApiOkResponse({ type: VesselCallView })
  @ApiNotFoundResponse({ description: "VESSEL CALL.NOT_FOUND, also for another carrier's call" })
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() reader: Principal,
  ): Promise<VesselCallView> {
    return this.calls.view(id, reader);
  }

  @Post(':id/arrival')
  @HttpCode(200)
  @Roles('port')
  @ApiOperation({
    summary: 'Record the actual time of arrival (ATA); it replaces the one taken from the first discharge',
  })
  @ApiOkResponse({ type: VesselCallView })
  @ApiUnprocessableEntityResponse({ description: 'ATA_IN_FUTURE, ATA_AFTER_DISCHARGE or a malformed ata' })
  @ApiConflictResponse({ description: 'VESSEL_CALL.ATA_ALREADY_REPORTED with another time' })
  @ApiBusinessRules('ata must not be in the future (VESSEL_CALL.ATA_INVALID)')
  reportArrival(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: RecordArrivalDto,
  ): Promise<VesselCallView> {
    return this.calls.reportArrival(id, dto.ata);
  }
}

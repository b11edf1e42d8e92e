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
import { Roles } from '@tongguan/auth';
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
  @ApiOperation({ summary: 'Announce a vessel call with its ETA' })
  @ApiCreatedResponse({ type: VesselCallView })
  @ApiUnprocessableEntityResponse({ description: 'REQUEST.INVALID with every problem' })
  create(@Body() dto: CreateVesselCallDto): Promise<VesselCallView> {
    return this.calls.create(dto);
  }

  @Get()
  @Roles('port', 'carrier', 'customs', 'ops')
  @ApiOperation({
    summary: 'Vessel calls by ETA, filtered by vessel, voyage, IMO number, status and ETA range',
  })
  @ApiOkResponse({ type: VesselCallPage })
  list(@Query() query: ListVesselCallsQuery): Promise<VesselCallPage> {
    return this.calls.list(query);
  }

  @Get(':id')
  @Roles('port', 'carrier', 'customs', 'ops')
  @ApiOperation({ summary: 'One vessel call with its ETA and ATA' })
  @ApiOkResponse({ type: VesselCallView })
  @ApiNotFoundResponse({ description: 'VESSEL CALL.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<VesselCallView> {
    return this.calls.view(id);
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
  reportArrival(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: RecordArrivalDto,
  ): Promise<VesselCallView> {
    return this.calls.reportArrival(id, dto.ata);
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { ApiBusinessRules, CorrelationId, ShipmentIdPipe } from '@tongguan/platform';
import { ExportGatesService } from './export-gates.service';
import { ExportGateInDto, LoadingListDto } from './exports.dto';
import { LoadingListsService } from './loading-lists.service';

@ApiTags('exports')
@Controller('v1')
export class ExportsController {
  constructor(
    private readonly gates: ExportGatesService,
    private readonly loadingLists: LoadingListsService,
  ) {}

  @Post('export-gate-ins')
  @Roles('port')
  @ApiOperation({
    summary:
      'Export containers enter the terminal: 201 ExportGateInRecorded [TRS export arrival] against an accepted export declaration, else 409 ExportGateInRefused',
  })
  @ApiConflictResponse({
    description:
      'EXPORT_GATE.IN_REFUSED: no accepted export declaration, the declaration withdrawn or refused, or a container in already',
  })
  @ApiBusinessRules('containerNumbers must end in their ISO 6346 check digit')
  gateIn(@Body() dto: ExportGateInDto, @CorrelationId() correlationId?: string) {
    return this.gates.gateIn(dto, correlationId);
  }

  @Get('export-shipments/:blNumber')
  @Roles('port', 'carrier', 'customs', 'ops')
  @ApiOperation({
    summary: 'What the terminal knows of an export shipment: declaration, release for loading, containers in',
  })
  exportShipment(@Param('blNumber', ShipmentIdPipe) blNumber: string) {
    return this.gates.get(blNumber);
  }

  @Post('vessel-calls/:id/loading-list')
  @Roles('carrier', 'port')
  @ApiOperation({
    summary:
      "The vessel's loading list, filed once: a LoadingIncident for every container customs has not released for loading",
  })
  @ApiConflictResponse({ description: 'LOADING_LIST.ALREADY_FILED' })
  @ApiBusinessRules('each containerNumber must end in its ISO 6346 check digit')
  fileLoadingList(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: LoadingListDto,
    @CurrentPrincipal() filer: Principal,
    @CorrelationId() correlationId?: string,
  ) {
    return this.loadingLists.file(id, dto, filer, correlationId);
  }

  @Get('vessel-calls/:id/loading-list')
  @Roles('carrier', 'port', 'customs', 'ops')
  @ApiOperation({ summary: 'The loading list with each container loaded or an incident' })
  loadingList(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() reader: Principal) {
    return this.loadingLists.get(id, reader);
  }

  @Post('vessel-calls/:id/departure')
  @HttpCode(200)
  @Roles('carrier', 'port')
  @ApiOperation({
    summary:
      'The vessel left: GoodsDeparted (goods exited) for every export shipment its loading list loaded',
  })
  @ApiConflictResponse({ description: 'LOADING_LIST.MISSING or LOADING_LIST.ALREADY_DEPARTED' })
  depart(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() who: Principal,
    @CorrelationId() correlationId?: string,
  ) {
    return this.loadingLists.depart(id, who, correlationId);
  }
}

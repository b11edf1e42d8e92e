import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { CorrelationId, ShipmentIdPipe } from '@tongguan/platform';
import { BillsOfLadingService } from './bills-of-lading.service';
import { DischargeDto, FileManifestDto } from './manifest.dto';

@ApiTags('manifests')
@Controller('v1')
export class BillsOfLadingController {
  constructor(private readonly bills: BillsOfLadingService) {}

  @Post('vessel-calls/:id/manifest')
  @Roles('port', 'carrier')
  @ApiOperation({ summary: 'File (or complete) the manifest of a vessel call: its bills of lading' })
  fileManifest(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: FileManifestDto) {
    return this.bills.fileManifest(id, dto);
  }

  @Post('vessel-calls/:id/discharges')
  @HttpCode(200)
  @Roles('port')
  @ApiOperation({ summary: 'Record the discharge of a B/L: emits CargoArrived [T0] once' })
  discharge(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: DischargeDto,
    @CorrelationId() correlationId?: string,
  ) {
    return this.bills.discharge(id, dto.blNumber, correlationId);
  }

  @Get('bills-of-lading/:blNumber')
  @Roles('port', 'carrier', 'customs', 'ops')
  get(@Param('blNumber', ShipmentIdPipe) blNumber: string) {
    return this.bills.get(blNumber);
  }
}

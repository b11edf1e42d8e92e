import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { ShipmentIdPipe } from '@tongguan/platform';
import { TimelinesService } from './timelines.service';

@ApiTags('timelines')
@Controller('v1/shipments')
export class TimelinesController {
  constructor(private readonly timelines: TimelinesService) {}

  @Get(':shipmentId/timeline')
  @Roles('ops')
  @ApiOperation({
    summary:
      'TRS stamps (arrival … gateOut, RFC 3339 or null), channel, clearance hours, hours waited for the trader (traderHours) and SLA state of a shipment',
  })
  timeline(@Param('shipmentId', ShipmentIdPipe) shipmentId: string) {
    return this.timelines.view(shipmentId);
  }
}

import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { ShipmentIdPipe } from '@tongguan/platform';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('v1/shipments')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get(':shipmentId/audit')
  @Roles('ops', 'customs', 'inspection', 'importer')
  @ApiOperation({
    summary: 'Every decision on the shipment: who (party, role), what, when and why, oldest first',
  })
  trail(@Param('shipmentId', ShipmentIdPipe) shipmentId: string, @CurrentPrincipal() reader: Principal) {
    return this.audit.trail(shipmentId, reader);
  }
}

import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { ShipmentIdPipe } from '@tongguan/platform';
import { RiskAssessmentView } from './risk-assessment.dto';
import { RiskService } from './risk.service';

@ApiTags('risk assessments')
@Controller('v1/risk-assessments')
export class RiskController {
  constructor(private readonly risk: RiskService) {}

  @Get(':shipmentId')
  @Roles('customs', 'inspection', 'ops')
  @ApiOperation({ summary: 'The latest risk assessment of a shipment: channel, score and the reasons' })
  @ApiOkResponse({ type: RiskAssessmentView })
  get(@Param('shipmentId', ShipmentIdPipe) shipmentId: string): Promise<RiskAssessmentView> {
    return this.risk.latestFor(shipmentId);
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBusinessRules, ApiQueryFrom } from '@tongguan/platform';
import { Roles } from '@tongguan/auth';
import { validQuery } from '../common/query-validation';
import { InFlightService } from './in-flight.service';
import { listProblems, ShipmentListQuery } from './in-flight.query';

const ITEM =
  '{ shipmentId, channel, greenChannel, arrival, released, gateOut, clearanceHours, elapsedHours, sla, stage, agency, predictedHours }';

@ApiTags('shipments in flight')
@Controller('v1/shipments')
export class InFlightController {
  constructor(private readonly inFlight: InFlightService) {}

  @Get()
  @Roles('ops')
  @ApiOperation({
    summary: 'Shipments by state, a page at a time',
    description:
      `{ items: [${ITEM}], nextCursor }. stage is the step holding the shipment (filing, risk, inspection, ` +
      `payment, release, gate-out, done) and agency who holds it (importer, customs, inspection, logistics, ` +
      `port); predictedHours = elapsed + median remaining stage times of recent shipments.`,
  })
  @ApiQueryFrom(ShipmentListQuery)
  @ApiBadRequestResponse({ description: 'Every problem of the query at once' })
  @ApiBusinessRules('cursor must be a nextCursor this API gave; from before to (REQUEST.INVALID_QUERY)', 400)
  list(@Query() raw: Record<string, unknown>) {
    return this.inFlight.list(validQuery(ShipmentListQuery, raw, listProblems));
  }

  @Get('in-flight/summary')
  @Roles('ops')
  @ApiOperation({
    summary: 'The port now: shipments in flight, at risk and breached, queue depth per agency, the 10 oldest',
    description: `{ count, atRisk, breached, targetHours, queues: { importer, customs, inspection, logistics, port }, oldest: [${ITEM}], asOf }`,
  })
  summary() {
    return this.inFlight.summary();
  }
}

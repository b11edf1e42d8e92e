import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { validQuery } from '../common/query-validation';
import { InFlightService } from './in-flight.service';
import { LIST_STATES, listProblems, ShipmentListQuery } from './in-flight.query';

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
  @ApiQuery({ name: 'state', required: false, enum: LIST_STATES })
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'Arrival (or release for released) from, RFC 3339',
  })
  @ApiQuery({ name: 'to', required: false, description: 'Arrival (or release) before, RFC 3339' })
  @ApiQuery({ name: 'limit', required: false, description: '1–200 (50)' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiBadRequestResponse({ description: 'Every problem of the query at once' })
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

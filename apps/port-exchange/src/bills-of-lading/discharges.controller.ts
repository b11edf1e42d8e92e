import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { ApiBusinessRules, CorrelationId } from '@tongguan/platform';
import { BillOfLadingView, ContainerDischarged } from './bill-of-lading.views';
import { DischargesService } from './discharges.service';
import { ContainerDischargeDto, DischargeDto } from './manifest.dto';

@ApiTags('discharges')
@Controller('v1/vessel-calls/:id')
export class DischargesController {
  constructor(private readonly discharges: DischargesService) {}

  @Post('discharges')
  @HttpCode(200)
  @Roles('port')
  @ApiOperation({
    summary: 'Record the discharge of a whole B/L: emits CargoArrived [T0] once, however often it is sent',
  })
  @ApiOkResponse({ type: BillOfLadingView })
  @ApiNotFoundResponse({ description: 'VESSEL CALL.NOT_FOUND or BILL OF LADING.NOT_FOUND' })
  discharge(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: DischargeDto,
    @CorrelationId() correlationId?: string,
  ) {
    return this.discharges.dischargeBill(id, dto.blNumber, correlationId);
  }

  @Post('container-discharges')
  @HttpCode(200)
  @Roles('port')
  @ApiOperation({
    summary:
      'Record the discharge of one container: a B/L whose last container this was emits CargoArrived [T0] once',
  })
  @ApiOkResponse({ type: ContainerDischarged })
  @ApiNotFoundResponse({ description: 'CONTAINER.NOT_FOUND: on no B/L of this call' })
  @ApiBusinessRules('containerNumber must end in its ISO 6346 check digit')
  dischargeContainer(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ContainerDischargeDto,
    @CorrelationId() correlationId?: string,
  ) {
    return this.discharges.dischargeContainer(id, dto.containerNumber, correlationId);
  }
}

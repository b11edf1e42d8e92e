import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { CorrelationId } from '@tongguan/platform';
import { GateOutDto } from './gate-out.dto';
import { GatesService } from './gates.service';

@ApiTags('gates')
@Controller('v1/gate-outs')
export class GatesController {
  constructor(private readonly gates: GatesService) {}

  @Post()
  @Roles('port')
  @ApiOperation({
    summary: 'A truck asks to take a B/L out: 201 GateOutRecorded [T7], or 409 GateOutRefused',
  })
  gateOut(@Body() dto: GateOutDto, @CorrelationId() correlationId?: string) {
    return this.gates.gateOut(dto, correlationId);
  }
}

import { Body, Controller, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { CorrelationId } from '@tongguan/platform';
import { GateInDto, GateInView } from './gate-in.dto';
import { GateOutDto } from './gate-out.dto';
import { GATE_REFUSAL_CODES } from './gate-out-rule';
import { GatesService } from './gates.service';

@ApiTags('gates')
@Controller('v1')
export class GatesController {
  constructor(private readonly gates: GatesService) {}

  @Post('gate-ins')
  @Roles('port')
  @ApiOperation({ summary: 'A truck enters the terminal to collect a B/L: 201 GateInRecorded' })
  @ApiCreatedResponse({ type: GateInView })
  @ApiConflictResponse({
    description: 'GATE.IN_REFUSED: the cargo is not here (not manifested, not discharged, gone)',
  })
  gateIn(@Body() dto: GateInDto, @CorrelationId() correlationId?: string): Promise<GateInView> {
    return this.gates.gateIn(dto, correlationId);
  }

  @Post('gate-outs')
  @Roles('port')
  @ApiOperation({
    summary:
      'A truck asks to take a B/L out: 201 GateOutRecorded [T7] when released, not held, and the truck is booked for this hour (± grace); else 409 GateOutRefused',
  })
  @ApiConflictResponse({
    description: `GATE.OUT_REFUSED with every reason in errors[].code: ${GATE_REFUSAL_CODES.join(', ')}`,
  })
  gateOut(@Body() dto: GateOutDto, @CorrelationId() correlationId?: string) {
    return this.gates.gateOut(dto, correlationId);
  }
}

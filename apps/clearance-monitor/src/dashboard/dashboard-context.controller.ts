import { Controller, Get } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { MonitorConfig } from '../monitor-config';

/**
 * What the page needs before its first query: the business time (the platform may run on an
 * accelerated clock, so the browser's own time would pick the wrong windows) and the targets.
 */
@ApiTags('dashboard')
@Controller('v1/dashboard')
export class DashboardContextController {
  constructor(
    private readonly clock: Clock,
    private readonly config: MonitorConfig,
  ) {}

  @Get('context')
  @Roles('ops')
  @ApiOperation({ summary: 'Business time, clock speed, clearance target and baseline for the dashboard' })
  @ApiOkResponse({
    schema: {
      example: {
        now: '2026-03-02T08:00:00.000Z',
        clockSpeed: 1,
        targetHours: 20,
        baselineHours: 70,
        atRiskRatio: 0.75,
      },
    },
  })
  @ApiForbiddenResponse({ description: 'A token of another role than ops' })
  context() {
    return {
      now: this.clock.now().toISOString(),
      clockSpeed: this.clock.speed,
      targetHours: this.config.SLA_TARGET_HOURS,
      baselineHours: this.config.SLA_BASELINE_HOURS,
      atRiskRatio: this.config.SLA_AT_RISK_RATIO,
    };
  }
}

import { Controller, Get, Global, Module, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@tongguan/platform';
import { AgencyRegistry } from './agency-registry';
import type { GreenChannelRegisterData } from './green-channel';
import { readAgencyRegistry, readGreenChannelRegister, readRoutingRules } from './registry-files';
import type { RoutingRule } from './routing';

/** Injection tokens of the routing rules and the green-channel register as the files seed them. */
export const ROUTING_RULES = Symbol('ROUTING_RULES');
export const GREEN_CHANNEL_SEED = Symbol('GREEN_CHANNEL_SEED');

/**
 * AGENCY_CALENDAR=continuous counts every limit in elapsed hours (demos and the accelerated clock), the
 * way INSPECTION_CALENDAR does for inspection's own tasks.
 */
function registryFromEnv(): AgencyRegistry {
  return readAgencyRegistry(process.env, { continuous: process.env.AGENCY_CALENDAR === 'continuous' });
}

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('v1')
export class AgenciesController {
  constructor(private readonly registry: AgencyRegistry) {}

  @Get('agencies')
  @ApiOperation({
    summary: 'The approving agencies: calendars, steps, time limits, tacit approval and targets',
  })
  list() {
    const { agencies, calendars, traderSteps } = this.registry.data;
    return {
      agencies,
      calendars: calendars.map(({ id, description }) => ({ id, description })),
      traderSteps,
    };
  }

  @Get('agencies/:agencyId')
  @ApiOperation({ summary: 'One approving agency with its steps and limits' })
  one(@Param('agencyId') agencyId: string) {
    const agency = this.registry.agency(agencyId);
    if (!agency) throw new NotFoundError('agency', agencyId.slice(0, 64));
    return agency;
  }
}

/** The registry, read and validated once at boot (a bad file stops the service naming every problem). */
@Global()
@Module({
  controllers: [AgenciesController],
  providers: [{ provide: AgencyRegistry, useFactory: registryFromEnv }],
  exports: [AgencyRegistry],
})
export class AgenciesModule {}

/**
 * The routing rules and the green-channel register's seed, read and validated at boot by the one service
 * that routes filings and keeps the register (declaration); the other services need only the registry.
 */
@Global()
@Module({
  providers: [
    {
      provide: ROUTING_RULES,
      useFactory: (r: AgencyRegistry) => readRoutingRules(r),
      inject: [AgencyRegistry],
    },
    { provide: GREEN_CHANNEL_SEED, useFactory: (): GreenChannelRegisterData => readGreenChannelRegister() },
  ],
  exports: [ROUTING_RULES, GREEN_CHANNEL_SEED],
})
export class SingleWindowRulesModule {}

export type { RoutingRule };

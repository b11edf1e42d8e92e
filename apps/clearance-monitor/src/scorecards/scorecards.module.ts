import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ComplaintsModule } from '../complaints/complaints.module';
import { AgencyDecision, AgencyDecisionSchema } from './agency-decision.schema';
import { AgencyDecisionRepository } from './agency-decision.repository';
import { AgencyDecisionsService } from './agency-decisions.service';
import { AgencyStanding, AgencyStandingSchema } from './agency-standing.schema';
import { AgencyStandingRepository } from './agency-standing.repository';
import { AgencySupervisor } from './agency-supervisor';
import { RECENT_DECISION, RecentDecisionSchema } from './recent-decision.schema';
import { ScorecardConfig } from './scorecard-config';
import { ScorecardsController } from './scorecards.controller';
import { ScorecardsService } from './scorecards.service';

/**
 * The agencies' scorecards: their decisions on record (fed by the shipment-events controller), the API,
 * Prometheus and the supervision of each agency's target over the rolling window.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: AgencyDecision.name, schema: AgencyDecisionSchema },
      { name: RECENT_DECISION, schema: RecentDecisionSchema },
      { name: AgencyStanding.name, schema: AgencyStandingSchema },
    ]),
    ComplaintsModule,
  ],
  controllers: [ScorecardsController],
  providers: [
    AgencyDecisionRepository,
    AgencyStandingRepository,
    AgencyDecisionsService,
    ScorecardsService,
    AgencySupervisor,
    { provide: ScorecardConfig, useFactory: () => ScorecardConfig.fromEnv() },
  ],
  exports: [AgencyDecisionsService],
})
export class ScorecardsModule {}

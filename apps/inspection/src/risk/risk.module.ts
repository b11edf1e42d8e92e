import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TasksModule } from '../tasks/tasks.module';
import { AssessmentShipment, AssessmentShipmentSchema } from './assessment-shipment.schema';
import { PENDING_TASK_OPENING, PendingTaskOpeningSchema } from './pending-task-opening.schema';
import { PendingTasksSweeper } from './pending-tasks.sweeper';
import { RiskAssessmentRepository } from './risk-assessment.repository';
import { RiskAssessment, RiskAssessmentSchema } from './risk-assessment.schema';
import { RiskController } from './risk.controller';
import { RiskEventsController } from './risk.events.controller';
import { RiskService } from './risk.service';
import { TraderHistoryEventsController } from './trader-history.events.controller';
import { TraderHistoryRepository } from './trader-history.repository';
import {
  TraderInspection,
  TraderInspectionSchema,
  TraderTally,
  TraderTallySchema,
} from './trader-history.schema';
import { TraderHistoryService } from './trader-history.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: RiskAssessment.name, schema: RiskAssessmentSchema },
      { name: AssessmentShipment.name, schema: AssessmentShipmentSchema },
      { name: PENDING_TASK_OPENING, schema: PendingTaskOpeningSchema },
      { name: TraderInspection.name, schema: TraderInspectionSchema },
      { name: TraderTally.name, schema: TraderTallySchema },
    ]),
    TasksModule,
  ],
  controllers: [RiskController, RiskEventsController, TraderHistoryEventsController],
  providers: [
    RiskAssessmentRepository,
    TraderHistoryRepository,
    RiskService,
    TraderHistoryService,
    PendingTasksSweeper,
  ],
  exports: [RiskService],
})
export class RiskModule {}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TasksModule } from '../tasks/tasks.module';
import { PendingTasksSweeper } from './pending-tasks.sweeper';
import { RiskAssessment, RiskAssessmentSchema } from './risk-assessment.schema';
import { RiskController } from './risk.controller';
import { RiskEventsController } from './risk.events.controller';
import { RiskService } from './risk.service';
import { TraderHistoryEventsController } from './trader-history.events.controller';
import { TraderInspection, TraderInspectionSchema } from './trader-history.schema';
import { TraderHistoryService } from './trader-history.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: RiskAssessment.name, schema: RiskAssessmentSchema },
      { name: TraderInspection.name, schema: TraderInspectionSchema },
    ]),
    TasksModule,
  ],
  controllers: [RiskController, RiskEventsController, TraderHistoryEventsController],
  providers: [RiskService, TraderHistoryService, PendingTasksSweeper],
})
export class RiskModule {}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TasksModule } from '../tasks/tasks.module';
import { PendingTasksSweeper } from './pending-tasks.sweeper';
import { RiskAssessment, RiskAssessmentSchema } from './risk-assessment.schema';
import { RiskController } from './risk.controller';
import { RiskEventsController } from './risk.events.controller';
import { RiskService } from './risk.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: RiskAssessment.name, schema: RiskAssessmentSchema }]),
    TasksModule,
  ],
  controllers: [RiskController, RiskEventsController],
  providers: [RiskService, PendingTasksSweeper],
})
export class RiskModule {}

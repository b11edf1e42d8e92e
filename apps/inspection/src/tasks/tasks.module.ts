import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SlotsModule } from '../slots/slots.module';
import { InspectionTask, InspectionTaskSchema } from './inspection-task.schema';
import { OfficerActionsController } from './officer-actions.controller';
import { DocumentRequestsEventsController } from './document-requests.events.controller';
import { DocumentRequestsService } from './document-requests.service';
import { TaskClaimsService } from './task-claims.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: InspectionTask.name, schema: InspectionTaskSchema }]),
    SlotsModule,
  ],
  controllers: [TasksController, OfficerActionsController, DocumentRequestsEventsController],
  providers: [TasksService, DocumentRequestsService, TaskClaimsService],
  exports: [TasksService],
})
export class TasksModule {}

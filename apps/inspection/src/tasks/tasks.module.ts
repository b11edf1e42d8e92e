import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { InspectionTask, InspectionTaskSchema } from './inspection-task.schema';
import { DocumentRequestsController } from './document-requests.controller';
import { DocumentRequestsEventsController } from './document-requests.events.controller';
import { DocumentRequestsService } from './document-requests.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: InspectionTask.name, schema: InspectionTaskSchema }])],
  controllers: [TasksController, DocumentRequestsController, DocumentRequestsEventsController],
  providers: [TasksService, DocumentRequestsService],
  exports: [TasksService],
})
export class TasksModule {}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SlotsModule } from '../slots/slots.module';
import { DocumentRequestsEventsController } from './document-requests.events.controller';
import { DocumentRequestsService } from './document-requests.service';
import { InspectionTaskRepository } from './inspection-task.repository';
import { InspectionTask, InspectionTaskSchema } from './inspection-task.schema';
import { OfficerActionsController } from './officer-actions.controller';
import { OPEN_TASK_DEADLINE, OpenTaskDeadlineSchema } from './open-task-deadline.schema';
import { TaskClaimsService } from './task-claims.service';
import { TaskDeadlineTarget } from './task-deadline-target';
import { TaskDeadlines } from './task-deadlines';
import { TaskDeclaration, TaskDeclarationSchema } from './task-declaration.schema';
import { TaskTransitions } from './task-transitions';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: InspectionTask.name, schema: InspectionTaskSchema },
      { name: TaskDeclaration.name, schema: TaskDeclarationSchema },
      { name: OPEN_TASK_DEADLINE, schema: OpenTaskDeadlineSchema },
    ]),
    SlotsModule,
  ],
  controllers: [TasksController, OfficerActionsController, DocumentRequestsEventsController],
  providers: [
    InspectionTaskRepository,
    TaskTransitions,
    TaskDeadlines,
    TaskDeadlineTarget,
    TasksService,
    DocumentRequestsService,
    TaskClaimsService,
  ],
  exports: [TasksService, TaskDeadlineTarget],
})
export class TasksModule {}

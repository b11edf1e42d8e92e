import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ApprovalDeclaration, ApprovalDeclarationSchema } from './approval-declaration.schema';
import { ApprovalDeadlines, ApprovalDeadlineTarget } from './approval-deadline-target';
import { ApprovalDeskService } from './approval-desk.service';
import { ApprovalTask, ApprovalTaskSchema } from './approval-task.schema';
import { ApprovalTaskRepository } from './approval-task.repository';
import { ApprovalTransitions } from './approval-transitions';
import { ApprovalsEventsController } from './approvals.events.controller';
import { ApprovalsHttpController } from './approvals.http.controller';
import { OPEN_APPROVAL_DEADLINE, OpenApprovalDeadlineSchema } from './open-approval-deadline.schema';

/** The approval desk of every agency step (the agencies come from the registry, AgenciesModule). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ApprovalTask.name, schema: ApprovalTaskSchema },
      { name: ApprovalDeclaration.name, schema: ApprovalDeclarationSchema },
      { name: OPEN_APPROVAL_DEADLINE, schema: OpenApprovalDeadlineSchema },
    ]),
  ],
  controllers: [ApprovalsHttpController, ApprovalsEventsController],
  providers: [
    ApprovalTaskRepository,
    ApprovalTransitions,
    ApprovalDeadlines,
    ApprovalDeadlineTarget,
    ApprovalDeskService,
  ],
  exports: [ApprovalDeskService, ApprovalDeadlineTarget],
})
export class ApprovalsModule {}

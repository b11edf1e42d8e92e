import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AgenciesModule } from '@tongguan/agencies';
import { AuditModule } from '../audit/audit.module';
import { ComplaintCountsService } from './complaint-counts.service';
import { ComplaintEscalationSweeper } from './complaint-escalation.sweeper';
import { Complaint, ComplaintSchema } from './complaint.schema';
import { ComplaintRepository } from './complaint.repository';
import { ComplaintsConfig } from './complaints-config';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsService } from './complaints.service';
import { OPEN_COMPLAINT, OpenComplaintSchema } from './open-complaint.schema';

/** The complaint centre; exports the complaint counts the scorecards read. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Complaint.name, schema: ComplaintSchema },
      { name: OPEN_COMPLAINT, schema: OpenComplaintSchema },
    ]),
    AgenciesModule,
    AuditModule,
  ],
  controllers: [ComplaintsController],
  providers: [
    ComplaintRepository,
    ComplaintsService,
    ComplaintEscalationSweeper,
    ComplaintCountsService,
    { provide: ComplaintsConfig, useFactory: () => ComplaintsConfig.fromEnv() },
  ],
  exports: [ComplaintCountsService],
})
export class ComplaintsModule {}

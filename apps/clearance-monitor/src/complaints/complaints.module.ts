import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ComplaintCountsService } from './complaint-counts.service';
import { Complaint, ComplaintSchema } from './complaint.schema';
import { ComplaintRepository } from './complaint.repository';
import { OPEN_COMPLAINT, OpenComplaintSchema } from './open-complaint.schema';

/** The complaint centre; exports the complaint counts the scorecards read. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Complaint.name, schema: ComplaintSchema },
      { name: OPEN_COMPLAINT, schema: OpenComplaintSchema },
    ]),
  ],
  providers: [ComplaintRepository, ComplaintCountsService],
  exports: [ComplaintCountsService],
})
export class ComplaintsModule {}

import { Injectable } from '@nestjs/common';
import type { ComplaintCount } from './complaint-counts';
import { ComplaintRepository } from './complaint.repository';

/** What the complaint centre tells the scorecards: complaints per agency and step over a window. */
@Injectable()
export class ComplaintCountsService {
  constructor(private readonly complaints: ComplaintRepository) {}

  /** Complaints filed in [from, to) (business time) per agency and step, each with its escalated count. */
  countsByAgencyStep(from: Date, to: Date): Promise<ComplaintCount[]> {
    return this.complaints.countsByAgencyStep(from, to);
  }
}

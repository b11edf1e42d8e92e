import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository, ConcurrentModificationError } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { AgencyStanding } from './agency-standing.schema';
import type { SupervisionStatus } from './scorecard';

/** What a check changed: the agency fell under its target, came back over it, or neither. */
export type Crossing = 'fell-below' | 'recovered' | null;

const ATTEMPTS = 5;

/** Loads and saves the agencies' standings; every write goes by _id, guarded by the revision read. */
@Injectable()
export class AgencyStandingRepository extends AggregateRepository<AgencyStanding> {
  constructor(@InjectModel(AgencyStanding.name) standings: Model<AgencyStanding>) {
    super(standings, 'agency standing');
  }

  /**
   * Stores an agency's standing as of `at` and tells whether it crossed its target: the write that
   * flips belowTarget wins over any other instance's, so a crossing is reported once.
   */
  async record(status: SupervisionStatus, at: Date, windowHours: number): Promise<Crossing> {
    const { agency, decisions, withinLimit, withinLimitRatio, target, belowTarget } = status;
    const figures = {
      decisions,
      withinLimit,
      withinLimitRatio,
      target,
      belowTarget,
      checkedAt: at,
      windowHours,
    };
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const { current } = await this.modify(agency, (previous) => ({
        change: { set: previous.belowTarget === belowTarget ? figures : { ...figures, since: at } },
      }));
      if (current) {
        if (current.belowTarget === belowTarget) return null;
        return belowTarget ? 'fell-below' : 'recovered';
      }
      if (await this.insert({ _id: agency, ...figures, since: at })) return belowTarget ? 'fell-below' : null;
    }
    throw new ConcurrentModificationError('agency standing', agency);
  }

  async ofAgencies(agencies: readonly string[]): Promise<AgencyStanding[]> {
    return this.model.find({ _id: { $in: agencies } }).lean<AgencyStanding[]>();
  }
}

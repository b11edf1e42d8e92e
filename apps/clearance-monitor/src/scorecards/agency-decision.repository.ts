import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository, OpenSet, type OpenEntryBase, type Unsaved } from '@tongguan/persistence';
import type { FilterQuery, Model } from 'mongoose';
import { AgencyDecision } from './agency-decision.schema';
import { RECENT_DECISION, type RecentDecision } from './recent-decision.schema';
import type { ScoredDecision } from './scorecard';

/** What the scorecards read of a decision. */
const SCORED = { agency: 1, step: 1, outcome: 1, withinLimit: 1, decisionHours: 1 } as const;

/**
 * Loads and saves agency decisions (one per task, see AgencyDecision) and keeps the decisions of the
 * rolling window in a small set of their own, which each process fills from the decisions once, at its
 * first read (as the timelines' recent releases).
 */
@Injectable()
export class AgencyDecisionRepository extends AggregateRepository<AgencyDecision> {
  private readonly recent: OpenSet<Omit<RecentDecision, keyof OpenEntryBase>>;
  private recentRebuilt: Promise<void> | null = null;

  constructor(
    @InjectModel(AgencyDecision.name) decisions: Model<AgencyDecision>,
    @InjectModel(RECENT_DECISION) recent: Model<OpenEntryBase>,
  ) {
    super(decisions, 'agency decision');
    this.recent = new OpenSet(recent);
  }

  /**
   * Records a decision; false when it was recorded already (a redelivery). Its window entry is written
   * first: a crash in between leaves the entry, and the redelivery that follows writes the decision
   * (both writes are idempotent).
   */
  async record(decision: Unsaved<AgencyDecision>): Promise<boolean> {
    const { agency, step, outcome, withinLimit, decisionHours, decidedAt } = decision;
    await this.recent.add(decision._id, { agency, step, outcome, withinLimit, decisionHours, decidedAt });
    return this.insert(decision);
  }

  /**
   * The decisions made in [from, to), of one agency or all: a range of times, which scans; it serves
   * people. At most `limit` + 1 are read, so the caller can refuse a window that holds more.
   */
  async decidedIn(from: Date, to: Date, agency: string | null, limit: number): Promise<ScoredDecision[]> {
    const filter: FilterQuery<AgencyDecision> = { decidedAt: { $gte: from, $lt: to } };
    if (agency !== null) filter.agency = agency;
    return this.model
      .find(filter, { _id: 0, ...SCORED })
      .limit(limit + 1)
      .lean<ScoredDecision[]>();
  }

  /**
   * The decisions made since `since` (the rolling window) from the window's own set; what fell out of
   * the window (it never comes back) is removed as it is read.
   */
  async decidedSince(since: Date): Promise<RecentDecision[]> {
    await (this.recentRebuilt ??= this.rebuildRecent(since).catch((error: unknown) => {
      this.recentRebuilt = null;
      throw error;
    }));
    const all = (await this.recent.entries()) as RecentDecision[];
    const inWindow = (d: RecentDecision) => new Date(d.decidedAt).getTime() >= since.getTime();
    await this.recent.removeMany(all.filter((d) => !inWindow(d)).map((d) => d._id));
    return all.filter(inWindow);
  }

  /** Fills the window's set from the decisions: it scans, so once per process. */
  private async rebuildRecent(since: Date): Promise<void> {
    const decisions = await this.model
      .find({ decidedAt: { $gte: since } }, { ...SCORED, decidedAt: 1 })
      .lean<(ScoredDecision & { _id: string; decidedAt: Date })[]>();
    await this.recent.addMany(
      decisions.map(({ _id, agency, step, outcome, withinLimit, decisionHours, decidedAt }) => ({
        id: _id,
        fields: { agency, step, outcome, withinLimit, decisionHours, decidedAt },
      })),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import {
  AggregateRepository,
  OpenSet,
  WITHOUT_OUTBOX,
  type OpenEntryBase,
  type Unsaved,
} from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { countByAgencyStep, type ComplaintCount } from './complaint-counts';
import type { Verdict } from './complaint-lifecycle';
import { Complaint } from './complaint.schema';
import { OPEN_COMPLAINT, type OpenComplaint } from './open-complaint.schema';

/** What a list criterion may name: equality on these fields only. */
export type ComplaintCriteria = Partial<
  Pick<Complaint, 'importerId' | 'agency' | 'status' | 'escalated' | 'shipmentId'>
>;

/** The outcome of one move: the complaint as read, as left (when the move was applied), and the verdict. */
export interface Moved {
  before: Complaint | null;
  after: Complaint | null;
  verdict: Verdict | null;
}

const LISTED = { ...WITHOUT_OUTBOX, text: 0, history: 0 } as const;

/**
 * Loads and saves complaints. Every move is one write guarded by the revision read (two supervisors
 * racing to take one complaint: one write lands, the other reads again and finds it owned), carrying
 * its history entry and, for an escalation, its event in the outbox. Keeps the open set of complaints
 * that may still escalate (see open-complaint.schema).
 */
@Injectable()
export class ComplaintRepository extends AggregateRepository<Complaint> {
  private readonly open: OpenSet<{ dueAt: Date }>;

  constructor(
    @InjectModel(Complaint.name) complaints: Model<Complaint>,
    @InjectModel(OPEN_COMPLAINT) open: Model<OpenEntryBase>,
  ) {
    super(complaints, 'complaint');
    this.open = new OpenSet(open);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    await this.open.ensureIndexes();
  }

  /** Files a new complaint (a fresh uuid: the insert cannot collide), its open-set entry written first. */
  async file(complaint: Unsaved<Complaint>): Promise<void> {
    await this.open.add(complaint._id, { dueAt: complaint.dueAt });
    if (!(await this.insert(complaint))) throw new Error(`complaint ${complaint._id} was filed twice`);
  }

  /**
   * Applies the rule's verdict on the complaint as read, guarded by its revision; on a lost race it
   * reads again and asks the rule again. `eventsOf` names the events the change announces.
   */
  async move(
    id: string,
    rule: (complaint: Complaint) => Verdict,
    eventsOf: (complaint: Complaint) => CloudEvent[] = () => [],
  ): Promise<Moved> {
    let verdict: Verdict | null = null;
    const { current, applied } = await this.modify(id, (complaint) => {
      verdict = rule(complaint);
      if (verdict.kind !== 'change') return null;
      const { set, move } = verdict.change;
      return { change: { set, push: { history: move } }, events: eventsOf(complaint) };
    });
    const decided = verdict as Verdict | null;
    if (!current || !applied || decided?.kind !== 'change')
      return { before: current, after: current, verdict: decided };
    const { set, move } = decided.change;
    const after = {
      ...current,
      ...set,
      history: [...current.history, move],
      revision: (current.revision ?? 0) + 1,
    };
    return { before: current, after, verdict: decided };
  }

  /** The complaint may escalate again (it was reopened with a new limit): the sweep will find it. */
  async watch(id: string, dueAt: Date): Promise<void> {
    await this.open.add(id, { dueAt });
  }

  /** Entries due by `now`, soonest first: a scan of the open set only. */
  async dueBy(now: Date, limit: number): Promise<OpenComplaint[]> {
    return this.open.entries({ dueAt: { $lte: now } }, { sort: { dueAt: 1 }, limit }) as Promise<
      OpenComplaint[]
    >;
  }

  /** The sweep is done with the entry (escalated, answered or gone), unless it was written again since. */
  async unwatch(entry: OpenComplaint): Promise<boolean> {
    return this.open.removeIfUnchanged(entry);
  }

  /**
   * Writes the entry of every complaint that may still escalate. It scans the complaints, so each
   * process runs it once, before its first sweep: it repairs an entry lost to a crash and fills the set
   * for complaints stored before it existed.
   */
  async rebuildOpenSet(): Promise<number> {
    const open = await this.model
      .find({ status: { $ne: 'answered' }, escalated: { $ne: true } }, { dueAt: 1 })
      .lean<Pick<Complaint, '_id' | 'dueAt'>[]>();
    await this.open.addMany(open.map((c) => ({ id: c._id, fields: { dueAt: c.dueAt } })));
    return open.length;
  }

  /** The complaint as readers see it, without the outbox. */
  async findVisible(id: string): Promise<Complaint | null> {
    return this.findById(id, WITHOUT_OUTBOX);
  }

  /** A page of complaints, latest filed first, without their text and history (a list: it scans). */
  async list(criteria: ComplaintCriteria, page: number, pageSize: number) {
    return this.page(criteria, { sort: { filedAt: -1, _id: -1 }, page, pageSize, projection: LISTED });
  }

  /**
   * Complaints filed in [from, to) per agency and step, with how many of them escalated: the
   * scorecards' complaint column. It reads a range of filing times (a scan, for statistics).
   */
  async countsByAgencyStep(from: Date, to: Date): Promise<ComplaintCount[]> {
    const filed = await this.model
      .find({ filedAt: { $gte: from, $lt: to } }, { _id: 0, agency: 1, step: 1, escalated: 1 })
      .lean<Pick<Complaint, 'agency' | 'step' | 'escalated'>[]>();
    return countByAgencyStep(filed);
  }
}

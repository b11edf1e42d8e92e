import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository, isDuplicateKey } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { NO_HISTORY, type TraderHistory } from './risk-evaluation';
import { TraderInspection, TraderTally } from './trader-history.schema';

/** How many of an importer's last counted declarations the tally remembers (see TraderTally.recent). */
const RECENT = 100;

/**
 * The importers' inspection records and tallies. Every read and write goes by _id: the tally by
 * importerId, the decided inspections by declarationId.
 */
@Injectable()
export class TraderHistoryRepository extends AggregateRepository<TraderTally> {
  constructor(
    @InjectModel(TraderTally.name) tallies: Model<TraderTally>,
    @InjectModel(TraderInspection.name) private readonly inspections: Model<TraderInspection>,
  ) {
    super(tallies, 'trader history');
  }

  /** Records the decision of a declaration, or returns the one recorded first (a redelivery or a later decision). */
  async recordDecision(inspection: TraderInspection): Promise<TraderInspection> {
    try {
      await this.inspections.create(inspection);
      return inspection;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const stored = await this.inspections.findById(inspection._id).lean();
    if (!stored) throw new Error(`trader inspection ${inspection._id} vanished after a duplicate insert`);
    return stored;
  }

  /**
   * Adds the declaration's decision to the importer's tally, once: the increment is one conditional
   * write that finds the declaration not among the last counted.
   */
  async count(importerId: string, declarationId: string, counter: 'passed' | 'failed'): Promise<void> {
    const guard = { _id: importerId, recent: { $ne: declarationId } };
    const change = {
      inc: { [counter]: 1 },
      push: { recent: { $each: [declarationId], $slice: -RECENT } },
    };
    if (await this.apply(guard, { change })) return;
    if (await this.findById(importerId, { _id: 1 })) return; // counted already
    const first = {
      _id: importerId,
      passed: counter === 'passed' ? 1 : 0,
      failed: counter === 'failed' ? 1 : 0,
      recent: [declarationId],
    };
    if (await this.insert(first)) return;
    // another instance created the tally meanwhile
    await this.apply(guard, { change });
  }

  async markCounted(declarationId: string): Promise<void> {
    await this.inspections.updateOne({ _id: declarationId }, { $set: { counted: true } });
  }

  async historyOf(importerId: string): Promise<TraderHistory> {
    const tally = await this.findById(importerId, { passed: 1, failed: 1 });
    return tally ? { passed: tally.passed, failed: tally.failed } : { ...NO_HISTORY };
  }
}

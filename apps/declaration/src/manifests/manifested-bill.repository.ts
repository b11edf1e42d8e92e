import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { decideManifestFact, type ManifestFact } from './manifested-bill-rules';
import { ManifestedBill } from './manifested-bill.schema';

/** What is known of each B/L's manifest line, by _id (the shipmentId). */
@Injectable()
export class ManifestedBillRepository extends AggregateRepository<ManifestedBill> {
  constructor(@InjectModel(ManifestedBill.name) bills: Model<ManifestedBill>) {
    super(bills, 'manifested bill');
  }

  async find(shipmentId: string): Promise<ManifestedBill | null> {
    return this.findById(shipmentId);
  }

  /** Folds one fact in (decideManifestFact); a first fact racing another for the same B/L reads again. */
  async record(shipmentId: string, fact: ManifestFact): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const { current } = await this.modify(shipmentId, (bill) => {
        const outcome = decideManifestFact(bill, fact);
        return outcome?.kind === 'change' ? { change: outcome.change } : null;
      });
      if (current) return;
      const outcome = decideManifestFact(null, fact);
      if (outcome?.kind !== 'insert') return;
      if (await this.insert({ _id: shipmentId, ...outcome.bill })) return;
    }
  }
}

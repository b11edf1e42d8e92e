import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { GatewayCharge } from './gateway-charge.schema';

/** The local gateway's charges, keyed by the idempotency key. */
@Injectable()
export class GatewayChargeRepository extends AggregateRepository<GatewayCharge> {
  constructor(@InjectModel(GatewayCharge.name) charges: Model<GatewayCharge>) {
    super(charges, 'gateway charge');
  }

  /** The charge on record under its key: this one, or the one a first (or concurrent) call stored. */
  async chargeOnce(charge: Omit<GatewayCharge, 'revision'>): Promise<GatewayCharge> {
    if (await this.insert(charge)) return charge;
    const first = await this.findById(charge._id);
    if (!first) throw new Error(`charge ${charge._id} vanished`);
    return first;
  }
}

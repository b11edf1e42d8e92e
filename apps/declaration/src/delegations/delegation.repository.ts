import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { Delegation, delegationId } from './delegation.schema';

/** Loads and saves delegations by _id (consignee and broker); a consignee's list is for people and scans. */
@Injectable()
export class DelegationRepository extends AggregateRepository<Delegation> {
  constructor(@InjectModel(Delegation.name) delegations: Model<Delegation>) {
    super(delegations, 'delegation');
  }

  find(consigneePartyId: string, brokerPartyId: string): Promise<Delegation | null> {
    return this.findById(delegationId(consigneePartyId, brokerPartyId));
  }

  listOf(consigneePartyId: string, page: number, pageSize: number) {
    return this.page({ consigneePartyId }, { sort: { grantedAt: -1, _id: 1 }, page, pageSize });
  }
}

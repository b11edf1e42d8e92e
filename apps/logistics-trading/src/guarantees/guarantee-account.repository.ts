import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { GuaranteeAccount } from './guarantee-account.schema';
import type { AeoGuarantee } from './guarantee-registry';

/** The drawn amount of each guarantee, keyed by the guarantee number; draws go through `modify`. */
@Injectable()
export class GuaranteeAccountRepository extends AggregateRepository<GuaranteeAccount> {
  constructor(@InjectModel(GuaranteeAccount.name) accounts: Model<GuaranteeAccount>) {
    super(accounts, 'guarantee account');
  }

  /** Opens the guarantee's account with nothing drawn, unless it is open already. */
  async open(guarantee: AeoGuarantee): Promise<void> {
    await this.insert({
      _id: guarantee.guaranteeNumber,
      traderId: guarantee.traderId,
      drawnMinor: 0,
      draws: [],
    });
  }

  /** The accounts of a page of guarantees, for a reader (an $in on _id: not a hot path). */
  async findMany(guaranteeNumbers: string[]): Promise<GuaranteeAccount[]> {
    return (await this.model.find({ _id: { $in: guaranteeNumbers } }).lean()) as GuaranteeAccount[];
  }
}

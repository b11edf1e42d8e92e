import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { DomainError, NotFoundError } from '@tongguan/platform';
import type { GuaranteeAccount, GuaranteeDraw } from './guarantee-account.schema';
import { GuaranteeAccountRepository } from './guarantee-account.repository';
import type { GuaranteeView } from './guarantee.dto';
import { GuaranteeRegistry, type AeoGuarantee } from './guarantee-registry';
import { decideDraw, guaranteeToSettle, remainingMinor } from './guarantee-rules';

/** AEO bank guarantees: who may settle by guarantee, and drawing on one within its limit. */
@Injectable()
export class GuaranteesService implements OnModuleInit {
  constructor(
    private readonly accounts: GuaranteeAccountRepository,
    private readonly registry: GuaranteeRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await Promise.all(this.registry.guarantees.map((g) => this.accounts.open(g)));
  }

  /** The guarantee a trader may settle a payment with, or a 422 saying why not. */
  guaranteeFor(traderId: string, currency: string, at: Date): AeoGuarantee {
    const guarantee = guaranteeToSettle(this.registry.forTrader(traderId), traderId, currency, at);
    if (guarantee instanceof DomainError) throw guarantee;
    return guarantee;
  }

  /**
   * Draws a payment's amount on the guarantee, once per payment and never beyond the limit (see
   * decideDraw); a payment that drew before gets its draw on record back.
   */
  async draw(guarantee: AeoGuarantee, draw: GuaranteeDraw): Promise<GuaranteeDraw> {
    const number = guarantee.guaranteeNumber;
    const decide = (account: GuaranteeAccount) => {
      const decided = decideDraw(guarantee, account, draw);
      return decided.kind === 'draw' ? { change: decided.change } : null;
    };
    let { current } = await this.accounts.modify(number, decide);
    if (!current) {
      // a guarantee registered after the boot opened the accounts
      await this.accounts.open(guarantee);
      ({ current } = await this.accounts.modify(number, decide));
    }
    // the decision the account was last read for: pure, so deciding again on it gives the same answer
    const outcome = decideDraw(guarantee, current ?? { drawnMinor: 0, draws: [] }, draw);
    switch (outcome.kind) {
      case 'draw':
        return draw;
      case 'drawn-before':
        return outcome.draw;
      case 'refused':
        throw outcome.refusal;
    }
  }

  async list(caller: Principal): Promise<GuaranteeView[]> {
    const visible = this.registry.guarantees.filter(
      (g) => caller.role !== 'importer' || g.traderId === caller.party,
    );
    const accounts = await this.accounts.findMany(visible.map((g) => g.guaranteeNumber));
    return visible.map((g) =>
      viewOf(
        g,
        accounts.find((a) => a._id === g.guaranteeNumber),
      ),
    );
  }

  /** An importer sees only its own guarantee; another's is answered as absent. */
  async get(guaranteeNumber: string, caller: Principal): Promise<GuaranteeView> {
    const guarantee = this.registry.byNumber(guaranteeNumber);
    if (!guarantee || (caller.role === 'importer' && guarantee.traderId !== caller.party)) {
      throw new NotFoundError('guarantee', guaranteeNumber);
    }
    return viewOf(guarantee, (await this.accounts.findById(guaranteeNumber)) ?? undefined);
  }
}

function viewOf(guarantee: AeoGuarantee, account: GuaranteeAccount | undefined): GuaranteeView {
  const drawnMinor = account?.drawnMinor ?? 0;
  return {
    ...guarantee,
    drawnMinor,
    remainingMinor: remainingMinor(guarantee, drawnMinor),
    draws: (account?.draws ?? []).map(({ paymentId, receiptNumber, amountMinor, drawnAt }) => ({
      paymentId,
      receiptNumber,
      amountMinor,
      drawnAt,
    })),
  };
}

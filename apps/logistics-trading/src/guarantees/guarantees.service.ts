import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@tongguan/auth';
import { DomainError, NotFoundError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { GuaranteeAccount, type GuaranteeDraw } from './guarantee-account.schema';
import type { GuaranteeView } from './guarantee.dto';
import { GuaranteeRegistry, type AeoGuarantee } from './guarantee-registry';

const refusal = (code: string, message: string, status: HttpStatus) =>
  new DomainError(code, message, status, [{ path: 'method', code, message }]);

/** AEO bank guarantees: who may settle by guarantee, and drawing on one within its limit. */
@Injectable()
export class GuaranteesService implements OnModuleInit {
  constructor(
    @InjectModel(GuaranteeAccount.name) private readonly accounts: Model<GuaranteeAccount>,
    private readonly registry: GuaranteeRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await Promise.all(this.registry.guarantees.map((g) => this.openAccount(g)));
  }

  /**
   * The guarantee a trader may settle a payment with, or a 422 saying why not. The registry is the
   * authority, not the declaration: an AEO id quoted on a filing is the importer's claim, while the
   * registry records the certificate and the bank's commitment behind it.
   */
  guaranteeFor(traderId: string, currency: string, at: Date): AeoGuarantee {
    const guarantee = this.registry.forTrader(traderId);
    if (!guarantee) {
      throw refusal(
        'GUARANTEE.NOT_AEO',
        `trader ${traderId} holds no AEO certificate with a bank guarantee: settle through the payment gateway`,
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    if (Date.parse(guarantee.validUntil) < at.getTime()) {
      throw refusal(
        'GUARANTEE.EXPIRED',
        `guarantee ${guarantee.guaranteeNumber} expired at ${guarantee.validUntil}`,
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    if (guarantee.currency !== currency) {
      throw refusal(
        'GUARANTEE.CURRENCY_MISMATCH',
        `guarantee ${guarantee.guaranteeNumber} is in ${guarantee.currency} but the payment is in ${currency}`,
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    return guarantee;
  }

  /**
   * Draws a payment's amount on the guarantee, once per payment. Limit check, amount and record are one
   * conditional update ($inc only while drawn + amount stays within the limit, and only if this payment
   * has not drawn yet), so concurrent draws can never exceed the limit nor count one payment twice.
   */
  async draw(guarantee: AeoGuarantee, draw: GuaranteeDraw): Promise<GuaranteeDraw> {
    await this.openAccount(guarantee);
    await this.accounts.updateOne(
      {
        _id: guarantee.guaranteeNumber,
        drawnMinor: { $lte: guarantee.limitMinor - draw.amountMinor },
        'draws.paymentId': { $ne: draw.paymentId },
      },
      { $inc: { drawnMinor: draw.amountMinor }, $push: { draws: draw } },
    );
    const account = await this.accounts.findById(guarantee.guaranteeNumber).lean();
    // whether this update or an earlier attempt with the same payment drew it, the draw on record counts
    const drawn = account?.draws.find((d) => d.paymentId === draw.paymentId);
    if (drawn) return drawn;
    const remaining = guarantee.limitMinor - (account?.drawnMinor ?? 0);
    throw refusal(
      'GUARANTEE.LIMIT_EXCEEDED',
      `guarantee ${guarantee.guaranteeNumber} has ${remaining} ${guarantee.currency} minor units left of ${guarantee.limitMinor}; this payment needs ${draw.amountMinor}`,
      HttpStatus.CONFLICT,
    );
  }

  async list(caller: Principal): Promise<GuaranteeView[]> {
    const visible = this.registry.guarantees.filter(
      (g) => caller.role !== 'importer' || g.traderId === caller.party,
    );
    const accounts = await this.accounts.find({ _id: { $in: visible.map((g) => g.guaranteeNumber) } }).lean();
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
    return viewOf(guarantee, (await this.accounts.findById(guaranteeNumber).lean()) ?? undefined);
  }

  private async openAccount(guarantee: AeoGuarantee): Promise<void> {
    await this.accounts
      .updateOne(
        { _id: guarantee.guaranteeNumber },
        { $setOnInsert: { traderId: guarantee.traderId, drawnMinor: 0, draws: [] } },
        { upsert: true },
      )
      .catch((error: { code?: number }) => (error.code === 11000 ? undefined : Promise.reject(error)));
  }
}

function viewOf(guarantee: AeoGuarantee, account: GuaranteeAccount | undefined): GuaranteeView {
  const drawnMinor = account?.drawnMinor ?? 0;
  return {
    ...guarantee,
    drawnMinor,
    remainingMinor: guarantee.limitMinor - drawnMinor,
    draws: (account?.draws ?? []).map(({ paymentId, receiptNumber, amountMinor, drawnAt }) => ({
      paymentId,
      receiptNumber,
      amountMinor,
      drawnAt,
    })),
  };
}

import { DomainError } from '@tongguan/platform';
import type { AeoGuarantee } from './guarantee-registry';
import { decideDraw, guaranteeToSettle, remainingMinor } from './guarantee-rules';

const guarantee: AeoGuarantee = {
  traderId: 'TRADER-7',
  aeoCertificate: 'AEO-CN-4403-0001',
  guaranteeNumber: 'BG-1',
  bank: 'Test Bank',
  currency: 'CNY',
  limitMinor: 10_000_00,
  validUntil: '2026-12-31T23:59:59+08:00',
};
const at = new Date('2026-03-10T12:00:00+08:00');
const codeOf = (outcome: unknown) =>
  outcome instanceof DomainError ? (outcome.getResponse() as { code: string }).code : 'allowed';
const draw = (paymentId: string, amountMinor: number) => ({
  paymentId,
  receiptNumber: `RCT-${paymentId}`,
  amountMinor,
  drawnAt: at,
});

describe('who may settle by guarantee', () => {
  it("lets an AEO trader settle in its guarantee's currency while the guarantee is valid", () => {
    expect(guaranteeToSettle(guarantee, 'TRADER-7', 'CNY', at)).toBe(guarantee);
  });

  it('refuses a trader without a guarantee, a lapsed guarantee and another currency, naming the reason', () => {
    expect(codeOf(guaranteeToSettle(undefined, 'TRADER-1', 'CNY', at))).toBe('GUARANTEE.NOT_AEO');
    expect(codeOf(guaranteeToSettle(guarantee, 'TRADER-7', 'CNY', new Date('2027-01-01T00:00:00Z')))).toBe(
      'GUARANTEE.EXPIRED',
    );
    expect(codeOf(guaranteeToSettle(guarantee, 'TRADER-7', 'USD', at))).toBe('GUARANTEE.CURRENCY_MISMATCH');
  });
});

describe('drawing on the limit', () => {
  it('draws while drawn + amount stays within the limit, recording the draw', () => {
    const last = draw('pay-2', 3_000_00);
    expect(decideDraw(guarantee, { drawnMinor: 7_000_00, draws: [] }, last)).toEqual({
      kind: 'draw',
      change: { inc: { drawnMinor: 3_000_00 }, push: { draws: last } },
    });
    expect(remainingMinor(guarantee, 7_000_00)).toBe(3_000_00);
  });

  it('gives a payment that drew before its draw on record back, whatever the limit left', () => {
    const earlier = draw('pay-1', 8_000_00);
    const account = { drawnMinor: 10_000_00, draws: [earlier, draw('pay-2', 2_000_00)] };
    expect(decideDraw(guarantee, account, draw('pay-1', 8_000_00))).toEqual({
      kind: 'drawn-before',
      draw: earlier,
    });
  });

  it('refuses a draw beyond the remaining limit, saying what is left', () => {
    const outcome = decideDraw(guarantee, { drawnMinor: 7_000_00, draws: [] }, draw('pay-3', 3_000_01));
    expect(outcome.kind === 'refused' && codeOf(outcome.refusal)).toBe('GUARANTEE.LIMIT_EXCEEDED');
    expect(outcome.kind === 'refused' && outcome.refusal.message).toMatch(
      /300000 CNY minor units left of 1000000; this payment needs 300001/,
    );
  });
});

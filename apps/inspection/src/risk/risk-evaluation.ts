import type { RiskChannel } from '@tongguan/contracts';
import { createHash } from 'node:crypto';
import type { RiskRules } from './risk-rules';
import { findUndervaluedItems } from './undervaluation';

/** What risk looks at in a DeclarationAccepted payload. */
export interface RiskSubject {
  shipmentId: string;
  currency: string;
  items: { hsCode: string; originCountry: string; customsValueMinor: number }[];
  greenChannel: boolean;
  aeoTraderId?: string;
  majorProjectCode?: string;
}

/** The importer's inspections this agency decided before (tacit approvals count as neither). */
export interface TraderHistory {
  passed: number;
  failed: number;
}

export const NO_HISTORY: TraderHistory = Object.freeze({ passed: 0, failed: 0 });

export interface RandomSelection {
  /** 0..1 */
  rate: number;
  seed: string;
}

export interface RiskOutcome {
  channel: RiskChannel;
  /** 0..100 */
  score: number;
  /** One human sentence per rule that weighed in, so the officer and the trader see why. */
  reasons: string[];
  randomlySelected: boolean;
  matchedRules: string[];
}

/**
 * A number in [0, 1) fixed by seed and shipment: the random selection is reproducible (same seed, same
 * shipments selected), survives redelivery and restarts, and differs between shipments.
 */
export function selectionDraw(seed: string, shipmentId: string): number {
  const digest = createHash('sha256').update(`${seed}:${shipmentId}`).digest();
  // 48 bits are plenty of resolution for a rate and stay exact in a double
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

function itemsWhere(
  subject: RiskSubject,
  matches: (item: RiskSubject['items'][number]) => string | null,
): string[] {
  return subject.items.flatMap((item, i) => {
    const what = matches(item);
    return what === null ? [] : [`${what} on item ${i + 1}`];
  });
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

interface Discount {
  id: string;
  amount: number;
  reason: string;
  /** Why a discount the declaration would earn is not granted: said, so the trader knows. */
  withheld?: string;
}

/**
 * The trust discounts a declaration earns. AEO status and the green channel are one fact when the
 * green channel rests on the AEO id alone, so that case earns the AEO discount only; a major project
 * is a ground of its own. A trader whose failures reach aeoTrader.withheldFromFailures loses the AEO
 * discount: what this agency saw outweighs the certificate.
 */
function discountsEarned(subject: RiskSubject, rules: RiskRules, history: TraderHistory): Discount[] {
  const earned: Discount[] = [];
  const { aeoTrader, greenChannel } = rules;
  if (subject.aeoTraderId) {
    const withheld = history.failed >= aeoTrader.withheldFromFailures;
    earned.push({
      id: 'aeo-trader',
      amount: withheld ? 0 : aeoTrader.discount,
      reason: `${aeoTrader.reason} ${subject.aeoTraderId}`,
      ...(withheld ? { withheld: `no discount after ${plural(history.failed, 'failed inspection')}` } : {}),
    });
  }
  if (subject.greenChannel && (subject.majorProjectCode || !subject.aeoTraderId)) {
    const basis = subject.majorProjectCode ? `major project ${subject.majorProjectCode}` : 'declared';
    earned.push({
      id: 'green-channel',
      amount: greenChannel.discount,
      reason: `${greenChannel.reason}: ${basis}`,
    });
  }
  const clean = rules.traderHistory.cleanRecord;
  if (history.failed === 0 && history.passed >= clean.minPassed) {
    const record = `${plural(history.passed, 'inspection')} passed, none failed`;
    earned.push({ id: 'clean-record', amount: clean.discount, reason: `${clean.reason} (${record})` });
  }
  return earned.filter((d) => d.amount > 0 || d.withheld);
}

/**
 * The rule evaluation, free of I/O: the same declaration, trader history, rules and seed always give
 * the same outcome. Risk rules add up, to at most 100; then the trust discounts earned are taken off in
 * order, together at most rules.maxTotalDiscount and never below 0; the result picks the channel.
 */
export function evaluateRisk(
  subject: RiskSubject,
  rules: RiskRules,
  selection: RandomSelection,
  history: TraderHistory,
): RiskOutcome {
  let raw = 0;
  const reasons: string[] = [];
  const matchedRules: string[] = [];
  const weigh = (id: string, score: number, reason: string) => {
    raw += score;
    matchedRules.push(id);
    reasons.push(reason);
  };

  for (const rule of rules.originRules) {
    const hits = itemsWhere(subject, (item) =>
      rule.countries.includes(item.originCountry) ? `origin ${item.originCountry}` : null,
    );
    if (hits.length > 0) weigh(rule.id, rule.score, `${rule.reason} (${hits.join(', ')})`);
  }
  for (const rule of rules.hsChapterRules) {
    const hits = itemsWhere(subject, (item) => {
      const chapter = item.hsCode.slice(0, 2);
      return rule.chapters.includes(chapter) ? `HS chapter ${chapter}` : null;
    });
    if (hits.length > 0) weigh(rule.id, rule.score, `${rule.reason} (${hits.join(', ')})`);
  }
  const valuation = rules.undervaluation;
  const undervalued = findUndervaluedItems(subject.items, subject.currency, valuation);
  if (undervalued.items.length > 0) {
    weigh('undervalued-item', valuation.score, `${valuation.reason} (${undervalued.items.join('; ')})`);
  } else if (undervalued.uncheckedCurrency) {
    reasons.push(
      `customs values not compared with reference values: no ${undervalued.uncheckedCurrency} exchange rate in the risk rules`,
    );
  }
  const failures = rules.traderHistory.failedInspections;
  if (history.failed > 0 && failures.scorePerFailure > 0) {
    const score = Math.min(failures.maxScore, history.failed * failures.scorePerFailure);
    const record = `${plural(history.failed, 'failed inspection')} of ${history.failed + history.passed}`;
    weigh('failed-inspections', score, `${failures.reason} (${record}), score raised by ${score}`);
  }
  const randomlySelected = selectionDraw(selection.seed, subject.shipmentId) < selection.rate;
  if (randomlySelected) weigh('random-selection', rules.randomSelection.score, rules.randomSelection.reason);

  // a discount lowers the score the declaration gets, not a sum past the top of the scale
  raw = Math.min(100, raw);
  let allowance = rules.maxTotalDiscount;
  for (const discount of discountsEarned(subject, rules, history)) {
    if (discount.withheld) {
      reasons.push(`${discount.reason}: ${discount.withheld}`);
      continue;
    }
    if (raw <= 0) continue;
    const taken = Math.min(discount.amount, allowance, raw);
    const capped = `discounts are capped at ${rules.maxTotalDiscount} in total`;
    let lowered = `score lowered by ${taken}`;
    if (taken === 0) lowered = `no further discount: ${capped}`;
    else if (taken < discount.amount) {
      lowered += ` (of ${discount.amount}: ${allowance <= raw ? capped : 'the score cannot go below 0'})`;
    }
    raw -= taken;
    allowance -= taken;
    if (taken > 0) matchedRules.push(discount.id);
    reasons.push(`${discount.reason}, ${lowered}`);
  }
  const score = Math.max(0, raw);
  if (reasons.length === 0) reasons.push('no risk rule matched');
  return { channel: channelOf(score, rules), score, reasons, randomlySelected, matchedRules };
}

export function channelOf(score: number, rules: Pick<RiskRules, 'thresholds'>): RiskChannel {
  if (score >= rules.thresholds.red) return 'RED';
  if (score >= rules.thresholds.yellow) return 'YELLOW';
  return 'GREEN';
}

import type { RiskChannel } from '@tongguan/contracts';
import { createHash } from 'node:crypto';
import type { RiskRules } from './risk-rules';

/** What risk looks at in a DeclarationAccepted payload. */
export interface RiskSubject {
  shipmentId: string;
  items: { hsCode: string; originCountry: string }[];
  greenChannel: boolean;
  aeoTraderId?: string;
  majorProjectCode?: string;
}

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

function greenChannelBasis(subject: RiskSubject): string {
  if (subject.aeoTraderId) return `AEO trader ${subject.aeoTraderId}`;
  if (subject.majorProjectCode) return `major project ${subject.majorProjectCode}`;
  return 'declared';
}

/** The rule evaluation, free of I/O: the same declaration, rules and seed always give the same outcome. */
export function evaluateRisk(
  subject: RiskSubject,
  rules: RiskRules,
  selection: RandomSelection,
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
  const randomlySelected = selectionDraw(selection.seed, subject.shipmentId) < selection.rate;
  if (randomlySelected) weigh('random-selection', rules.randomSelection.score, rules.randomSelection.reason);

  if (subject.greenChannel && raw > 0 && rules.greenChannel.discount > 0) {
    raw -= rules.greenChannel.discount;
    reasons.push(
      `${rules.greenChannel.reason}: ${greenChannelBasis(subject)}, score lowered by ${rules.greenChannel.discount}`,
    );
  }
  const score = Math.min(100, Math.max(0, raw));
  if (reasons.length === 0) reasons.push('no risk rule matched');
  return { channel: channelOf(score, rules), score, reasons, randomlySelected, matchedRules };
}

export function channelOf(score: number, rules: Pick<RiskRules, 'thresholds'>): RiskChannel {
  if (score >= rules.thresholds.red) return 'RED';
  if (score >= rules.thresholds.yellow) return 'YELLOW';
  return 'GREEN';
}

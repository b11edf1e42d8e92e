import { HOUR_MS } from '@tongguan/clock';
import type { RiskChannel } from '@tongguan/contracts';
import type { Stamps } from './timeline';
import {
  coveredHours,
  traderWaitHours,
  waitIntervals,
  waitingFor,
  type TraderWait,
  type TraderWaitKind,
} from './trader-waits';

/** The measured stages of clearance, in pipeline order (the hours between their stamps, see stageHours). */
export const STAGES = ['filing', 'risk', 'inspection', 'payment', 'release'] as const;
export type Stage = (typeof STAGES)[number];
/** Where a shipment is now: a measured stage, waiting to leave the terminal, or finished. */
export type Position = Stage | 'gate-out' | 'done';

export const AGENCIES = ['importer', 'customs', 'inspection', 'logistics', 'port'] as const;
export type Agency = (typeof AGENCIES)[number];

/** Who carries each stage of a finished clearance (risk assessment is the inspection service's work). */
export const AGENCY_OF_STAGE: Record<Stage, Agency> = {
  filing: 'importer',
  risk: 'inspection',
  inspection: 'inspection',
  payment: 'logistics',
  release: 'customs',
};

export interface ProgressFacts {
  stamps: Stamps;
  channel: RiskChannel | null;
  withdrawn?: boolean;
  traderWaits?: readonly TraderWait[];
}

/**
 * The waits for the trader each stage does not count: a notice holds risk and inspection (the agency's
 * clock stops while the trader answers), a payment request the payment stage, either the release.
 * Filing is the importer's own time anyway.
 */
const TRADER_WAITS_OF_STAGE: Record<Stage, readonly TraderWaitKind[]> = {
  filing: [],
  risk: ['notice'],
  inspection: ['notice'],
  payment: ['payment'],
  release: ['notice', 'payment'],
};

export interface OpenStep {
  stage: Stage | 'gate-out';
  agency: Agency;
  /** When the step could start (RFC 3339), null when the stamp that opens it is not known yet. */
  since: string | null;
}

const hoursBetween = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / HOUR_MS);

/** A stage's hours between two stamps less the waits for the trader within them (see TRADER_WAITS_OF_STAGE). */
function agencyHours(facts: ProgressFacts, stage: Stage, from: string, to: string): number {
  const kinds = TRADER_WAITS_OF_STAGE[stage];
  const span = hoursBetween(from, to);
  if (kinds.length === 0 || !facts.traderWaits?.length) return span;
  const [fromMs, toMs] = [Date.parse(from), Date.parse(to)];
  // a wait still open when the stage ended ran to its end: the trader had been asked and had not answered
  return Math.max(0, span - coveredHours(waitIntervals(facts.traderWaits, kinds, toMs), fromMs, toMs));
}
const latest = (values: string[]) => values.reduce((a, b) => (a > b ? a : b));

/** When inspection stopped holding the shipment: its result, or the risk decision itself for GREEN. */
export function inspectionClearedAt(facts: ProgressFacts): string | null {
  return facts.stamps.inspected ?? (facts.channel === 'GREEN' ? facts.stamps.riskAssessed : null);
}

/**
 * The hours each finished stage took: filing arrival→lodged (0 when lodged before arrival), risk
 * lodged→riskAssessed, inspection riskAssessed→inspected (absent for GREEN: there is none), payment
 * accepted→paid, release from the last of acceptance, inspection clearance and payment to release.
 * The time a stage waited for the trader (a notice to answer, a payment to settle) is the trader's and
 * is left out (traderWaitHours measures it). A stage is absent until both its stamps are known.
 */
export function stageHours(facts: ProgressFacts): Partial<Record<Stage, number>> {
  const s = facts.stamps;
  const hours: Partial<Record<Stage, number>> = {};
  if (s.arrival && s.lodged) hours.filing = hoursBetween(s.arrival, s.lodged);
  if (s.lodged && s.riskAssessed) hours.risk = agencyHours(facts, 'risk', s.lodged, s.riskAssessed);
  if (s.riskAssessed && s.inspected) {
    hours.inspection = agencyHours(facts, 'inspection', s.riskAssessed, s.inspected);
  }
  if (s.accepted && s.paid) hours.payment = agencyHours(facts, 'payment', s.accepted, s.paid);
  const cleared = inspectionClearedAt(facts);
  if (s.released && s.accepted && s.paid && cleared) {
    hours.release = agencyHours(facts, 'release', latest([s.accepted, s.paid, cleared]), s.released);
  }
  return hours;
}

/**
 * Hours a released shipment waited for the trader (notices, payments) up to its release; null before
 * the release, and when it never waited on a request the monitor saw (left out then, like a stage a
 * shipment did not go through).
 */
export function traderHours(facts: ProgressFacts): number | null {
  if (!facts.stamps.released || !facts.traderWaits?.some((w) => w.requestedAt !== null)) return null;
  return traderWaitHours(facts.traderWaits, Date.parse(facts.stamps.released));
}

/**
 * The steps still open on a shipment not yet released. Inspection and payment run in parallel after
 * acceptance, so both can be open at once; the step before acceptance is customs', after it the
 * risk decision is inspection's. A step waiting for the trader (a notice unanswered, a payment
 * requested and not settled) is held by the importer, not by the agency.
 */
export function openSteps(facts: ProgressFacts): OpenStep[] {
  const s = facts.stamps;
  if (facts.withdrawn || s.gateOut) return [];
  if (s.released) return [{ stage: 'gate-out', agency: 'port', since: s.released }];
  if (!s.lodged) return [{ stage: 'filing', agency: 'importer', since: s.arrival }];
  const steps: OpenStep[] = [];
  if (!s.riskAssessed) {
    steps.push({ stage: 'risk', agency: s.accepted ? 'inspection' : 'customs', since: s.lodged });
  } else if (facts.channel !== 'GREEN' && !s.inspected) {
    const agency = waitingFor(facts.traderWaits, 'notice') ? 'importer' : 'inspection';
    steps.push({ stage: 'inspection', agency, since: s.riskAssessed });
  }
  if (s.accepted && !s.paid) {
    const agency = waitingFor(facts.traderWaits, 'payment') ? 'importer' : 'logistics';
    steps.push({ stage: 'payment', agency, since: s.accepted });
  }
  if (steps.length > 0) return steps;
  const cleared = inspectionClearedAt(facts);
  const ready = [s.accepted, s.paid, cleared].filter((v): v is string => v !== null);
  return [{ stage: 'release', agency: 'customs', since: ready.length ? latest(ready) : null }];
}

/**
 * The stage holding the shipment and the agency holding it. When parallel steps are open (inspection
 * and payment), the one that started first is reported, inspection first on a tie (it is the step
 * that can refuse release); every open step is listed in `openSteps`.
 */
export function currentPosition(facts: ProgressFacts): {
  stage: Position;
  agency: Agency | null;
  openSteps: OpenStep[];
} {
  const steps = openSteps(facts);
  if (steps.length === 0) return { stage: 'done', agency: null, openSteps: [] };
  const first = steps.reduce((a, b) => (b.since !== null && (a.since === null || b.since < a.since) ? b : a));
  return { stage: first.stage, agency: first.agency, openSteps: steps };
}

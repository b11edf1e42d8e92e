import { HOUR_MS } from '@tongguan/clock';
import type { RiskChannel } from '@tongguan/contracts';
import type { Stamps } from './timeline';

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
}

export interface OpenStep {
  stage: Stage | 'gate-out';
  agency: Agency;
  /** When the step could start (RFC 3339), null when the stamp that opens it is not known yet. */
  since: string | null;
}

const hoursBetween = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / HOUR_MS);
const latest = (values: string[]) => values.reduce((a, b) => (a > b ? a : b));

/** When inspection stopped holding the shipment: its result, or the risk decision itself for GREEN. */
export function inspectionClearedAt(facts: ProgressFacts): string | null {
  return facts.stamps.inspected ?? (facts.channel === 'GREEN' ? facts.stamps.riskAssessed : null);
}

/**
 * The hours each finished stage took: filing arrival→lodged (0 when lodged before arrival), risk
 * lodged→riskAssessed, inspection riskAssessed→inspected (absent for GREEN: there is none), payment
 * accepted→paid, release from the last of acceptance, inspection clearance and payment to release.
 * A stage is absent until both its stamps are known.
 */
export function stageHours(facts: ProgressFacts): Partial<Record<Stage, number>> {
  const s = facts.stamps;
  const hours: Partial<Record<Stage, number>> = {};
  if (s.arrival && s.lodged) hours.filing = hoursBetween(s.arrival, s.lodged);
  if (s.lodged && s.riskAssessed) hours.risk = hoursBetween(s.lodged, s.riskAssessed);
  if (s.riskAssessed && s.inspected) hours.inspection = hoursBetween(s.riskAssessed, s.inspected);
  if (s.accepted && s.paid) hours.payment = hoursBetween(s.accepted, s.paid);
  const cleared = inspectionClearedAt(facts);
  if (s.released && s.accepted && s.paid && cleared) {
    hours.release = hoursBetween(latest([s.accepted, s.paid, cleared]), s.released);
  }
  return hours;
}

/**
 * The steps still open on a shipment not yet released. Inspection and payment run in parallel after
 * acceptance, so both can be open at once; the step before acceptance is customs', after it the
 * risk decision is inspection's.
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
    steps.push({ stage: 'inspection', agency: 'inspection', since: s.riskAssessed });
  }
  if (s.accepted && !s.paid) steps.push({ stage: 'payment', agency: 'logistics', since: s.accepted });
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

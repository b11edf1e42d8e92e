import { draw } from '../random/distribution';
import { SeededRandom } from '../random/seeded-random';
import type { Scenario } from '../scenario/scenario';

const HOUR_MS = 3_600_000;

/**
 * What the world brings, drawn up front from the seed: arrivals, filings and service times. Rates are
 * kept as the uniform draws they came from (riskDraw, greenDraw ...), so a replay with another rate
 * (--set risk.redRate=...) re-reads the same day; durations are kept as drawn.
 */
export interface ShipmentPlan {
  blNumber: string;
  vesselCall: number;
  importerId: string;
  /** Business hours after the start of the run. */
  arrivalHour: number;
  preArrivalDraw: number;
  preArrivalLeadHours: number;
  afterArrivalDelayHours: number;
  deficientDraw: number;
  fixDelayHours: number;
  greenDraw: number;
  riskDraw: number;
  /** Which line of the goods catalogue of the risk profile the shipment carries. */
  goodsDraw: number;
  documentCheckHours: number;
  physicalCheckHours: number;
  recheckHours: number;
  documentsRequestDraw: number;
  documentsAnswerHours: number;
  neverDecideDraw: number;
  paymentDelayHours: number;
  transportOrderDelayHours: number;
  quoteDelayHours: number;
  acceptDelayHours: number;
  gateDwellHours: number;
}

export interface VesselCallPlan {
  index: number;
  vesselName: string;
  voyage: string;
  arrivalHour: number;
  shipments: ShipmentPlan[];
}

const VESSELS = [
  'COSCO SHIPPING ARIES',
  'OOCL HONG KONG',
  'EVER GIVEN',
  'MAERSK ESSEN',
  'CMA CGM JACQUES SAADE',
  'MSC GULSUN',
  'HMM ALGECIRAS',
  'ONE INNOVATION',
];
const IMPORTERS = 12;

/**
 * Draws vessel calls one after another: gaps between calls are exponential (a Poisson process of
 * arrivals at the scenario's daily rate), each call carrying shipmentsPerVesselCall bills of lading.
 * Every call draws from its own stream, so call k is the same whatever was asked before it.
 */
export class TrafficPlanner {
  private readonly root: SeededRandom;
  private nextIndex = 0;
  private lastArrivalHour = 0;

  constructor(
    private readonly scenario: Scenario,
    /** Makes B/L numbers unique per run (the platform refuses a second active filing for a B/L). */
    private readonly blPrefix: string,
    /** Hours before the first vessel call, so that pre-arrival filings have their lead time. */
    leadInHours = 0,
  ) {
    this.root = new SeededRandom(scenario.seed);
    this.lastArrivalHour = leadInHours;
  }

  nextVesselCall(): VesselCallPlan {
    const index = this.nextIndex++;
    const random = this.root.fork(`call-${index}`);
    const perCall = this.scenario.traffic.shipmentsPerVesselCall;
    const meanGapHours = (24 * perCall) / this.scenario.traffic.shipmentsPerDay;
    const arrivalHour = this.lastArrivalHour + random.exponential(meanGapHours);
    this.lastArrivalHour = arrivalHour;
    const shipments = Array.from({ length: perCall }, (_, i) =>
      this.shipment(random.fork(`bl-${i}`), index, i, arrivalHour),
    );
    return {
      index,
      vesselName: random.pick(VESSELS),
      voyage: `${String(100 + (index % 900)).padStart(3, '0')}E`,
      arrivalHour,
      shipments,
    };
  }

  /** Vessel calls until `count` shipments are planned (the last call may be cut short). */
  plan(count: number): VesselCallPlan[] {
    const calls: VesselCallPlan[] = [];
    let planned = 0;
    while (planned < count) {
      const call = this.nextVesselCall();
      call.shipments = call.shipments.slice(0, count - planned);
      planned += call.shipments.length;
      calls.push(call);
    }
    return calls;
  }

  private shipment(random: SeededRandom, call: number, i: number, arrivalHour: number): ShipmentPlan {
    const s = this.scenario;
    return {
      blNumber: `${this.blPrefix}${String(call).padStart(4, '0')}${String(i).padStart(2, '0')}`,
      vesselCall: call,
      importerId: `SIM-TRADER-${String(random.integer(1, IMPORTERS)).padStart(2, '0')}`,
      arrivalHour,
      preArrivalDraw: random.next(),
      preArrivalLeadHours: draw(random, s.filing.preArrivalLeadHours),
      afterArrivalDelayHours: draw(random, s.filing.afterArrivalDelayHours),
      deficientDraw: random.next(),
      fixDelayHours: draw(random, s.filing.fixDelayHours),
      greenDraw: random.next(),
      riskDraw: random.next(),
      goodsDraw: random.next(),
      documentCheckHours: draw(random, s.inspection.documentCheckHours),
      physicalCheckHours: draw(random, s.inspection.physicalCheckHours),
      recheckHours: draw(random, s.inspection.documentCheckHours),
      documentsRequestDraw: random.next(),
      documentsAnswerHours: draw(random, s.inspection.documentsAnswerHours),
      neverDecideDraw: random.next(),
      paymentDelayHours: draw(random, s.payment.delayHours),
      transportOrderDelayHours: draw(random, s.transport.orderDelayHours),
      quoteDelayHours: draw(random, s.transport.quoteDelayHours),
      acceptDelayHours: draw(random, s.transport.acceptDelayHours),
      gateDwellHours: draw(random, s.transport.gateDwellHours),
    };
  }
}

/**
 * Hours the first pre-arrival filings need before the first arrival (the longest lead they draw), so
 * that a measured day does not start with filings squeezed to the start of the run.
 */
export function leadInHours(scenario: Scenario): number {
  if (scenario.filing.preArrivalShare === 0) return 0;
  const lead = scenario.filing.preArrivalLeadHours;
  switch (lead.dist) {
    case 'fixed':
      return lead.value;
    case 'uniform':
      return lead.max;
    case 'exponential':
      return 3 * lead.mean;
    case 'lognormal':
      return lead.max ?? lead.median * Math.exp(2 * lead.sigma);
  }
}

export type RiskProfile = 'GREEN' | 'YELLOW' | 'RED';
export type GreenGround = 'aeo' | 'major-project' | null;

/** How the scenario's rates read one shipment's draws (the same draws under other rates on replay). */
export interface ShipmentBehaviour {
  filedBeforeArrival: boolean;
  /** Business hours after the start of the run when the first filing is lodged. */
  firstFilingHour: number;
  deficient: boolean;
  greenGround: GreenGround;
  riskProfile: RiskProfile;
  officerRequestsDocuments: boolean;
  officerNeverDecides: boolean;
}

export function behaviourOf(plan: ShipmentPlan, scenario: Scenario): ShipmentBehaviour {
  const filedBeforeArrival = plan.preArrivalDraw < scenario.filing.preArrivalShare;
  const { aeoShare, majorProjectShare } = scenario.greenChannel;
  const { redRate, yellowRate } = scenario.risk;
  return {
    filedBeforeArrival,
    firstFilingHour: filedBeforeArrival
      ? Math.max(0, plan.arrivalHour - plan.preArrivalLeadHours)
      : plan.arrivalHour + plan.afterArrivalDelayHours,
    deficient: plan.deficientDraw < scenario.filing.deficientShare,
    greenGround:
      plan.greenDraw < aeoShare
        ? 'aeo'
        : plan.greenDraw < aeoShare + majorProjectShare
          ? 'major-project'
          : null,
    riskProfile: plan.riskDraw < redRate ? 'RED' : plan.riskDraw < redRate + yellowRate ? 'YELLOW' : 'GREEN',
    officerRequestsDocuments: plan.documentsRequestDraw < scenario.inspection.documentsRequestShare,
    officerNeverDecides: plan.neverDecideDraw < scenario.inspection.neverDecideShare,
  };
}

export function hoursToMs(hours: number): number {
  return Math.round(hours * HOUR_MS);
}

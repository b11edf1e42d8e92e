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
  /** Drawn after the draws above, so those stay what they were before these were added. */
  controlledDraw: number;
  lateDraw: number;
  /** Working hours the inspection task waits put aside, when it is (lateDraw < inspection.lateShare). */
  lateHours: number;
  /** One set per approval the declaration may need, in the order the platform requests them. */
  approvals: ApprovalDraws[];
}

/** The draws of one approving agency's step for a shipment. */
export interface ApprovalDraws {
  decisionHours: number;
  lateDraw: number;
  lateHours: number;
  neverDecideDraw: number;
}

/** More approvals than the routing rules can ask of one shipment of the catalogue (one per agency). */
export const APPROVAL_DRAWS = 4;

export interface VesselCallPlan {
  index: number;
  vesselName: string;
  voyage: string;
  arrivalHour: number;
  shipments: ShipmentPlan[];
  /** Business hours after the start of the run when the vessel leaves (absent: imports only). */
  departureHour?: number;
  /** The export B/Ls booked on this call; absent in recordings made before exports. */
  exports?: ExportPlan[];
}

/**
 * An export B/L: the draws of a shipment (risk, checks, approvals, payment) read as for an import, and
 * when the container comes to the gate and the declaration is lodged. importerId names the exporter.
 */
export interface ExportPlan extends ShipmentPlan {
  gateInBeforeDepartureHours: number;
  filingLeadHours: number;
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
const EXPORTERS = 12;

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
    const call: VesselCallPlan = {
      index,
      vesselName: random.pick(VESSELS),
      voyage: `${String(100 + (index % 900)).padStart(3, '0')}E`,
      arrivalHour,
      shipments,
    };
    // a fork takes nothing from its parent's stream: the import draws stay what recorded days hold
    return this.scenario.exports ? { ...call, ...this.exportsOf(random.fork('exports'), call) } : call;
  }

  /**
   * The call's departure and its export B/Ls: exportsPerCall(share) of them, the fraction decided by a
   * draw, so that over many calls exports are `share` of all B/Ls.
   */
  private exportsOf(
    random: SeededRandom,
    call: VesselCallPlan,
  ): Pick<VesselCallPlan, 'departureHour' | 'exports'> {
    const exports = this.scenario.exports!;
    const departureHour = call.arrivalHour + draw(random, exports.berthHours);
    const mean = exportsPerCall(exports.share, this.scenario.traffic.shipmentsPerVesselCall);
    const count = Math.floor(mean) + (random.next() < mean - Math.floor(mean) ? 1 : 0);
    return {
      departureHour,
      exports: Array.from({ length: count }, (_, i) => {
        const bl = random.fork(`export-${i}`);
        const shipment = this.shipment(bl, call.index, i, departureHour);
        return {
          ...shipment,
          blNumber: `${this.blPrefix}${String(call.index).padStart(4, '0')}X${String(i).padStart(2, '0')}`,
          importerId: `SIM-EXPORTER-${String(bl.integer(1, EXPORTERS)).padStart(2, '0')}`,
          gateInBeforeDepartureHours: draw(bl, exports.gateInBeforeDepartureHours),
          filingLeadHours: draw(bl, exports.filingLeadHours),
        };
      }),
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
      controlledDraw: random.next(),
      lateDraw: random.next(),
      lateHours: draw(random, s.inspection.lateHours),
      approvals: Array.from({ length: APPROVAL_DRAWS }, () => ({
        decisionHours: draw(random, s.approvals.decisionHours),
        lateDraw: random.next(),
        lateHours: draw(random, s.approvals.lateHours),
        neverDecideDraw: random.next(),
      })),
    };
  }
}

/** Export B/Ls per vessel call, on average, for imports to be (1 − share) of all B/Ls. */
export function exportsPerCall(share: number, importsPerCall: number): number {
  return (importsPerCall * share) / (1 - share);
}

/** How the scenario reads an export's draws: when it is lodged and gated in, what the officers do. */
export interface ExportBehaviour extends ShipmentBehaviour {
  /** Business hours after the start of the run when the container comes to the export gate. */
  gateInHour: number;
}

export function exportBehaviourOf(plan: ExportPlan, scenario: Scenario): ExportBehaviour {
  // plan.arrivalHour of an export is its vessel's departure; no green-channel register for exporters
  const gateInHour = Math.max(0, plan.arrivalHour - plan.gateInBeforeDepartureHours);
  const asImport = behaviourOf({ ...plan, greenDraw: 1 }, scenario);
  return {
    ...asImport,
    importerId: plan.importerId,
    filedBeforeArrival: true,
    firstFilingHour: Math.max(0, gateInHour - plan.filingLeadHours),
    // the catalogue of exports has no controlled goods: export licences are left to a later round
    controlledGoods: false,
    gateInHour,
  };
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
  /** The importer that files: an AEO or major-project trader of the register for a green ground. */
  importerId: string;
  filedBeforeArrival: boolean;
  /** Business hours after the start of the run when the first filing is lodged. */
  firstFilingHour: number;
  deficient: boolean;
  greenGround: GreenGround;
  riskProfile: RiskProfile;
  controlledGoods: boolean;
  officerRequestsDocuments: boolean;
  officerNeverDecides: boolean;
  /** Working hours the inspection task lies put aside before the officers queue it (0: at once). */
  officerSetsAsideHours: number;
}

export function behaviourOf(plan: ShipmentPlan, scenario: Scenario): ShipmentBehaviour {
  const filedBeforeArrival = plan.preArrivalDraw < scenario.filing.preArrivalShare;
  const { aeoShare, majorProjectShare } = scenario.greenChannel;
  const { redRate, yellowRate } = scenario.risk;
  const greenGround: GreenGround =
    plan.greenDraw < aeoShare
      ? 'aeo'
      : plan.greenDraw < aeoShare + majorProjectShare
        ? 'major-project'
        : null;
  return {
    importerId: importerOf(plan, greenGround),
    filedBeforeArrival,
    firstFilingHour: filedBeforeArrival
      ? Math.max(0, plan.arrivalHour - plan.preArrivalLeadHours)
      : plan.arrivalHour + plan.afterArrivalDelayHours,
    deficient: plan.deficientDraw < scenario.filing.deficientShare,
    greenGround,
    riskProfile: plan.riskDraw < redRate ? 'RED' : plan.riskDraw < redRate + yellowRate ? 'YELLOW' : 'GREEN',
    // recordings made before these draws existed have none: read as ordinary goods, decided on time
    controlledGoods: plan.controlledDraw < scenario.traffic.controlledGoodsShare,
    officerRequestsDocuments: plan.documentsRequestDraw < scenario.inspection.documentsRequestShare,
    officerNeverDecides: plan.neverDecideDraw < scenario.inspection.neverDecideShare,
    officerSetsAsideHours: plan.lateDraw < scenario.inspection.lateShare ? plan.lateHours : 0,
  };
}

/** How an agency's desk treats the shipment's `index`-th approval. */
export interface ApprovalBehaviour {
  neverDecides: boolean;
  /** Working hours of the agency's calendar the approval lies put aside before it is queued (0: at once). */
  setAsideHours: number;
  decisionHours: number;
}

export function approvalBehaviourOf(
  plan: ShipmentPlan,
  scenario: Scenario,
  index: number,
  /** Whether the step may lapse into tacit approval (the agency registry says). */
  tacitApproval: boolean,
): ApprovalBehaviour {
  const draws = plan.approvals?.[index % APPROVAL_DRAWS];
  if (!draws) return { neverDecides: false, setAsideHours: 0, decisionHours: 1 };
  const { lateShare, neverDecideShare } = scenario.approvals;
  const forgotten = draws.neverDecideDraw < neverDecideShare;
  // a step the law does not let lapse is not left for ever: its supervisor has it decided, late
  return {
    neverDecides: forgotten && tacitApproval,
    setAsideHours: draws.lateDraw < lateShare || forgotten ? draws.lateHours : 0,
    decisionHours: draws.decisionHours,
  };
}

/** Traders of the green-channel register the simulator files for (apps/simulator/src/green-channel). */
export const AEO_TRADERS = 3;
export const MAJOR_PROJECT_TRADERS = 2;

/**
 * The green channel is the importer's, earned from the register: a shipment whose draw gives it a green
 * ground is filed by one of the register's AEO or major-project traders (picked by the drawn trader's
 * number, so replays with other shares stay stable); the others by the drawn trader.
 */
export function importerOf(plan: ShipmentPlan, ground: GreenGround): string {
  if (ground === null) return plan.importerId;
  const n = Number(/(\d+)$/.exec(plan.importerId)?.[1] ?? '1');
  return ground === 'aeo'
    ? `SIM-AEO-${String(((n - 1) % AEO_TRADERS) + 1).padStart(2, '0')}`
    : `SIM-PROJECT-${String(((n - 1) % MAJOR_PROJECT_TRADERS) + 1).padStart(2, '0')}`;
}

export function hoursToMs(hours: number): number {
  return Math.round(hours * HOUR_MS);
}

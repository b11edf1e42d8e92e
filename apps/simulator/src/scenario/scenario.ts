import type { Distribution } from '../random/distribution';

/**
 * One way of working the port, as a scenario file states it (apps/simulator/scenarios/*.json). Every
 * parameter's source is in scenarios/SOURCES.md. Hours are business hours; inspection service times are
 * working hours on the inspectors' calendar.
 */
export interface Scenario {
  name: string;
  description: string;
  seed: string;
  traffic: {
    /** Mean arrivals per business day (a Poisson process: exponential gaps between vessel calls). */
    shipmentsPerDay: number;
    /** Bills of lading discharged per vessel call. */
    shipmentsPerVesselCall: number;
    /**
     * Share of shipments carrying controlled goods (arms, pharmaceuticals, medical devices): the routing
     * rules (config/routing-rules.json) send them to the licensing or health authority too.
     */
    controlledGoodsShare: number;
  };
  filing: {
    /** Share of declarations lodged before the vessel arrives (pre-arrival processing). */
    preArrivalShare: number;
    /** How long before arrival a pre-arrival filing is lodged. */
    preArrivalLeadHours: Distribution;
    /** How long after arrival the other filings are lodged. */
    afterArrivalDelayHours: Distribution;
    /** Share of first filings with deficiencies (answered with a 422 listing them all). */
    deficientShare: number;
    /** How long the importer takes to correct a deficient filing and lodge it again. */
    fixDelayHours: Distribution;
  };
  greenChannel: {
    /** Share of filings by AEO-certified traders (aeoTraderId). */
    aeoShare: number;
    /** Share of filings for registered major projects (majorProjectCode). */
    majorProjectShare: number;
  };
  risk: {
    /** Share of filings whose goods the risk profile sends to a document check (YELLOW). */
    yellowRate: number;
    /** Share of filings whose goods the risk profile sends to a physical inspection (RED). */
    redRate: number;
    /** RISK_RANDOM_RATE of the inspection service (random selection), on isolated platforms. */
    randomRate: number;
  };
  inspection: {
    /** Officers working the task queue, one task at a time each. */
    officers: number;
    /** Working calendar of the officers and of the task time limits (INSPECTION_CALENDAR_FILE). */
    calendarFile: string;
    documentCheckHours: Distribution;
    physicalCheckHours: Distribution;
    /** Share of tasks where the officer first asks the importer for documents. */
    documentsRequestShare: number;
    /** How long the importer takes to answer a documents request. */
    documentsAnswerHours: Distribution;
    /** Share of tasks no officer ever decides (tacit approval fires, if the limits allow it). */
    neverDecideShare: number;
    /** Share of tasks an officer puts aside before taking them up (decided late, perhaps past the limit). */
    lateShare: number;
    /** Working hours a task put aside waits before it joins the officers' queue. */
    lateHours: Distribution;
  };
  approvals: {
    /** Officers at each approving agency's desk (customs acceptance review, licensing, health), one task at a time. */
    officersPerAgency: number;
    /** Working hours of the agency's calendar an officer spends on one approval. */
    decisionHours: Distribution;
    /** Share of approvals an officer puts aside before taking them up. */
    lateShare: number;
    /** Working hours an approval put aside waits before it joins the desk's queue. */
    lateHours: Distribution;
    /** Share of approvals no officer ever decides (tacit approval fires where the registry allows it). */
    neverDecideShare: number;
  };
  limits: {
    /** The registry's inspection/document-check limit (working hours) on isolated platforms. */
    yellowHours: number;
    /** The registry's inspection/physical-inspection limit (working hours) on isolated platforms. */
    redHours: number;
    /**
     * true: the other agencies' steps (customs acceptance review, licensing, health) run on their limits
     * from the agency registry and lapse into tacit approval where it allows it; false: every such step
     * gets 8760 working hours, the services' maximum, as before the reform (no time limit).
     */
    tacitApproval: boolean;
  };
  payment: {
    /** true: the importer pays only once inspection has finished (agencies one after another). */
    afterInspection: boolean;
    delayHours: Distribution;
  };
  transport: {
    /** Terminal of the pickup slots (apps/logistics-trading/config/pickup-slots.json). */
    terminal: string;
    orderDelayHours: Distribution;
    quoteDelayHours: Distribution;
    acceptDelayHours: Distribution;
    /** Time between gate-in and gate-out of the truck. */
    gateDwellHours: Distribution;
  };
  /**
   * Export B/Ls loaded on the same vessel calls (absent in scenarios and recordings made before exports:
   * imports only). The exporter lodges before its goods come, gates the container in before the cut-off,
   * and the carrier files the loading list before the vessel departs.
   */
  exports?: {
    /** Share of all B/Ls of the traffic that are exports (below 1: each vessel call brings imports too). */
    share: number;
    /** Business hours the vessel stays at berth: it departs this long after its arrival. */
    berthHours: Distribution;
    /** How long before the vessel departs the exporter's truck brings the container through the gate. */
    gateInBeforeDepartureHours: Distribution;
    /** How long before the gate-in the export declaration is lodged. */
    filingLeadHours: Distribution;
    /** Hours before departure the carrier files the loading list: containers not released by then stay. */
    loadingBeforeDepartureHours: number;
  };
}

export type ParameterKind = 'text' | 'share' | 'count' | 'positive' | 'hours' | 'boolean' | 'distribution';

/** Every parameter of a scenario with its kind: what validation, --set and SOURCES.md go by. */
export const PARAMETERS: Readonly<Record<string, ParameterKind>> = {
  name: 'text',
  description: 'text',
  seed: 'text',
  'traffic.shipmentsPerDay': 'positive',
  'traffic.shipmentsPerVesselCall': 'count',
  'traffic.controlledGoodsShare': 'share',
  'filing.preArrivalShare': 'share',
  'filing.preArrivalLeadHours': 'distribution',
  'filing.afterArrivalDelayHours': 'distribution',
  'filing.deficientShare': 'share',
  'filing.fixDelayHours': 'distribution',
  'greenChannel.aeoShare': 'share',
  'greenChannel.majorProjectShare': 'share',
  'risk.yellowRate': 'share',
  'risk.redRate': 'share',
  'risk.randomRate': 'share',
  'inspection.officers': 'count',
  'inspection.calendarFile': 'text',
  'inspection.documentCheckHours': 'distribution',
  'inspection.physicalCheckHours': 'distribution',
  'inspection.documentsRequestShare': 'share',
  'inspection.documentsAnswerHours': 'distribution',
  'inspection.neverDecideShare': 'share',
  'inspection.lateShare': 'share',
  'inspection.lateHours': 'distribution',
  'approvals.officersPerAgency': 'count',
  'approvals.decisionHours': 'distribution',
  'approvals.lateShare': 'share',
  'approvals.lateHours': 'distribution',
  'approvals.neverDecideShare': 'share',
  'limits.yellowHours': 'hours',
  'limits.redHours': 'hours',
  'limits.tacitApproval': 'boolean',
  'payment.afterInspection': 'boolean',
  'payment.delayHours': 'distribution',
  'transport.terminal': 'text',
  'transport.orderDelayHours': 'distribution',
  'transport.quoteDelayHours': 'distribution',
  'transport.acceptDelayHours': 'distribution',
  'transport.gateDwellHours': 'distribution',
  'exports.share': 'share',
  'exports.berthHours': 'distribution',
  'exports.gateInBeforeDepartureHours': 'distribution',
  'exports.filingLeadHours': 'distribution',
  'exports.loadingBeforeDepartureHours': 'hours',
};

/** Sections a scenario may leave out as a whole (older files and recordings): no exports then. */
export const OPTIONAL_SECTIONS: readonly string[] = ['exports'];

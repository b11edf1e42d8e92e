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
  };
  limits: {
    /** INSPECTION_LIMIT_HOURS_YELLOW (working hours) on isolated platforms. */
    yellowHours: number;
    /** INSPECTION_LIMIT_HOURS_RED (working hours) on isolated platforms. */
    redHours: number;
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
}

export type ParameterKind = 'text' | 'share' | 'count' | 'positive' | 'hours' | 'boolean' | 'distribution';

/** Every parameter of a scenario with its kind: what validation, --set and SOURCES.md go by. */
export const PARAMETERS: Readonly<Record<string, ParameterKind>> = {
  name: 'text',
  description: 'text',
  seed: 'text',
  'traffic.shipmentsPerDay': 'positive',
  'traffic.shipmentsPerVesselCall': 'count',
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
  'limits.yellowHours': 'hours',
  'limits.redHours': 'hours',
  'payment.afterInspection': 'boolean',
  'payment.delayHours': 'distribution',
  'transport.terminal': 'text',
  'transport.orderDelayHours': 'distribution',
  'transport.quoteDelayHours': 'distribution',
  'transport.acceptDelayHours': 'distribution',
  'transport.gateDwellHours': 'distribution',
};

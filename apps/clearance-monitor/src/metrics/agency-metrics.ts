import { Counter, Gauge, Histogram, register, type Metric } from 'prom-client';

/** Decision times against limits of 1 to 16 working hours: fine up to the limits, coarse past them. */
export const DECISION_HOUR_BUCKETS = [0.5, 1, 2, 4, 8, 12, 16, 24, 40, 80];

function once<M extends Metric>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

/**
 * The agencies' scorecards in Prometheus. The counter and histogram are counted by the instance whose
 * insert first recorded a decision (a redelivery counts nothing); the ratio and below-target gauges are
 * the rolling window read from the database by every instance: aggregate them with max(), not sum().
 */
export const agencyMetrics = {
  decisions: once(
    'tongguan_agency_decisions_total',
    () =>
      new Counter({
        name: 'tongguan_agency_decisions_total',
        help: 'Decisions of approving agencies (approved, refused, deemed-approved), within their limit or not',
        labelNames: ['agency', 'step', 'outcome', 'within_limit'],
      }),
  ),
  decisionHours: once(
    'tongguan_agency_decision_hours',
    () =>
      new Histogram({
        name: 'tongguan_agency_decision_hours',
        help: "Working hours an agency step took to decide, the trader's waits left out",
        labelNames: ['agency', 'step'],
        buckets: DECISION_HOUR_BUCKETS,
      }),
  ),
  withinLimitRatio: once(
    'tongguan_agency_within_limit_ratio',
    () =>
      new Gauge({
        name: 'tongguan_agency_within_limit_ratio',
        help: "Share of an agency's decisions within limit over the rolling window (AGENCY_SCORECARD_WINDOW_HOURS); absent with no decisions",
        labelNames: ['agency'],
      }),
  ),
  belowTarget: once(
    'tongguan_agency_below_target',
    () =>
      new Gauge({
        name: 'tongguan_agency_below_target',
        help: '1 while an agency with at least AGENCY_SCORECARD_MIN_DECISIONS decisions in the window is under its withinLimitTarget',
        labelNames: ['agency'],
      }),
  ),
};

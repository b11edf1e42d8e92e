import { Counter, Gauge, Histogram, register, type Metric } from 'prom-client';

/** Around the 20-hour target: fine below it, coarse in the tail (hours). */
export const CLEARANCE_HOUR_BUCKETS = [1, 2, 4, 8, 12, 16, 20, 24, 36, 48, 72, 96];

function once<M extends Metric>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

/**
 * The monitor's Prometheus metrics. Histograms are observed once per shipment, by the fold whose
 * conditional write first makes the value known (see TimelinesService), so a redelivery or a restart
 * never counts a shipment twice. The in-flight gauge is state read from the database by every
 * instance: aggregate it with max(), not sum(), across instances.
 */
export const clearanceMetrics = {
  clearanceHours: once(
    'tongguan_clearance_hours',
    () =>
      new Histogram({
        name: 'tongguan_clearance_hours',
        help: 'Clearance time (release − arrival) of released shipments, in business hours; for exports arrival of the goods at the port (gate-in) → release for loading',
        labelNames: ['channel', 'green_channel', 'direction'],
        buckets: CLEARANCE_HOUR_BUCKETS,
      }),
  ),
  stageHours: once(
    'tongguan_clearance_stage_hours',
    () =>
      new Histogram({
        name: 'tongguan_clearance_stage_hours',
        help: 'Hours each clearance stage took (filing, risk, inspection, payment, release; waits for the trader left out) and the waits for the trader (stage trader)',
        labelNames: ['stage', 'channel'],
        buckets: CLEARANCE_HOUR_BUCKETS,
      }),
  ),
  departureHours: once(
    'tongguan_export_departure_hours',
    () =>
      new Histogram({
        name: 'tongguan_export_departure_hours',
        help: "Exports: arrival of the goods at the port (gate-in) → the vessel's departure, in business hours",
        labelNames: ['channel'],
        buckets: CLEARANCE_HOUR_BUCKETS,
      }),
  ),
  loadingIncidents: once(
    'tongguan_loading_incidents_total',
    () =>
      new Counter({
        name: 'tongguan_loading_incidents_total',
        help: 'Containers on a loading list that customs had not released for loading (once per container and call)',
        labelNames: ['kind'],
      }),
  ),
  inFlight: once(
    'tongguan_clearance_in_flight',
    () =>
      new Gauge({
        name: 'tongguan_clearance_in_flight',
        help: 'Shipments arrived and not yet released, by the agency holding them',
        labelNames: ['agency'],
      }),
  ),
  breaches: once(
    'tongguan_clearance_sla_breaches_total',
    () =>
      new Counter({
        name: 'tongguan_clearance_sla_breaches_total',
        help: 'ClearanceSlaBreached alerts raised (once per shipment)',
        labelNames: ['stage'],
      }),
  ),
  atRisk: once(
    'tongguan_clearance_sla_at_risk_total',
    () =>
      new Counter({
        name: 'tongguan_clearance_sla_at_risk_total',
        help: 'ClearanceSlaAtRisk alerts raised (once per shipment), by what triggered them',
        labelNames: ['stage', 'reason'],
      }),
  ),
  webhookDeliveries: once(
    'tongguan_clearance_alert_webhook_deliveries_total',
    () =>
      new Counter({
        name: 'tongguan_clearance_alert_webhook_deliveries_total',
        help: 'Alert webhook POSTs by outcome (delivered, retry, failed: given up after the last attempt)',
        labelNames: ['outcome'],
      }),
  ),
};

import { Counter, register } from 'prom-client';

/** Refused filings of a B/L number another party's manifest holds: what ops alert on (possible squatting). */
export const manifestConflicts =
  (register.getSingleMetric('tongguan_manifest_conflicts_total') as Counter | undefined) ??
  new Counter({
    name: 'tongguan_manifest_conflicts_total',
    help: "Filings refused because another party's manifest already holds the B/L number (GET /v1/manifest-conflicts lists them)",
  });

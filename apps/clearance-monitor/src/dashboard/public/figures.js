// What the page loads for a window. Endpoints a monitor may not offer yet answer null (shown as "—").
import { getJson, listAll, query } from './api.js';
import { bucketsFromShipments } from './chart.js';

export async function loadSeries(fromMs, toMs, bucketMinutes) {
  const range = { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
  const series = await getJson(`/v1/stats/clearance/series?${query({ ...range, bucketMinutes })}`, {
    optional: true,
  });
  if (series && Array.isArray(series.buckets)) return series.buckets;
  const released = await listAll('/v1/shipments', { state: 'released', ...range, limit: 200 });
  return released ? bucketsFromShipments(released, fromMs, toMs, bucketMinutes) : null;
}

export async function loadRisks() {
  const [atRisk, breached] = await Promise.all([
    listAll('/v1/shipments', { state: 'at-risk', limit: 100 }, 1),
    listAll('/v1/shipments', { state: 'breached', limit: 100 }, 1),
  ]);
  if (atRisk === null && breached === null) return null;
  const tagged = [
    ...(breached ?? []).map((s) => ({ sla: 'breached', ...s })),
    ...(atRisk ?? []).map((s) => ({ sla: 'at-risk', ...s })),
  ];
  return tagged.sort((a, b) => (b.elapsedHours ?? 0) - (a.elapsedHours ?? 0));
}

export async function loadFigures(fromMs, toMs, bucketMinutes) {
  const range = query({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() });
  const [stats, summary, buckets, risks, scorecards, standings] = await Promise.all([
    getJson(`/v1/stats/clearance?${range}`),
    getJson('/v1/shipments/in-flight/summary', { optional: true }),
    loadSeries(fromMs, toMs, bucketMinutes),
    loadRisks(),
    getJson(`/v1/scorecards?${range}`, { optional: true }),
    getJson('/v1/scorecards/standings', { optional: true }),
  ]);
  return { stats, summary, buckets, risks, scorecards, standings };
}

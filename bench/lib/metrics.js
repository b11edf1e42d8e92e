/* global AbortSignal */
// The services' own counters, read from GET /metrics (public, never rate-limited: libs/platform's
// HealthController) before and after a measured window.

const STORE_COMMANDS = 'tongguan_store_commands_total';

/**
 * Sums a counter of the Prometheus text format by one label: { [labelValue]: total }. Returns null when
 * the counter is absent (a build from before it existed).
 */
function counterByLabel(text, name, label) {
  let found = false;
  const totals = {};
  const pattern = new RegExp(`^${name}(?:\\{([^}]*)\\})?\\s+(\\S+)`);
  for (const line of text.split('\n')) {
    // a counter with no sample yet shows only its HELP and TYPE lines: present, at zero
    if (line.startsWith(`# TYPE ${name} `)) found = true;
    const match = pattern.exec(line);
    if (!match) continue;
    found = true;
    const labels = Object.fromEntries(
      [...(match[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k, v]),
    );
    const key = labels[label] ?? '';
    totals[key] = (totals[key] ?? 0) + Number(match[2]);
  }
  return found ? totals : null;
}

/** after - before per key (keys only in `after` count from 0); null if either side is null. */
function difference(after, before) {
  if (!after || !before) return null;
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]));
}

const total = (byKey) => (byKey ? Object.values(byKey).reduce((a, b) => a + b, 0) : null);

/** Store commands by command name, summed over every process of the platform (null if any lacks it). */
async function scrapeStoreCommands(urls) {
  const scraped = await Promise.all(
    urls.map(async (url) => {
      try {
        const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) });
        return response.ok ? counterByLabel(await response.text(), STORE_COMMANDS, 'command') : null;
      } catch {
        return null;
      }
    }),
  );
  if (scraped.some((s) => s === null)) return null;
  const sum = {};
  for (const byCommand of scraped) for (const [k, v] of Object.entries(byCommand)) sum[k] = (sum[k] ?? 0) + v;
  return sum;
}

module.exports = { counterByLabel, difference, total, scrapeStoreCommands, STORE_COMMANDS };

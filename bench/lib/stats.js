// Pure arithmetic of the pipeline benchmark: percentiles, per-minute buckets of a soak, the limit the raw
// broker and store figures allow, and consumer lag from offsets. No I/O here, so it is unit-tested
// (stats.spec.js).

/** Nearest-rank percentile of an ascending array (null when empty). */
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Rounds to `digits` decimals; null and non-finite values stay null (JSON has no Infinity). */
function round(value, digits = 2) {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Number(value.toFixed(digits));
}

/** p50/p90/p99/max/mean and count of unsorted values, rounded. */
function summarise(values, digits = 2) {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50), digits),
    p90: round(percentile(sorted, 90), digits),
    p99: round(percentile(sorted, 99), digits),
    max: round(sorted.length ? sorted[sorted.length - 1] : null, digits),
    mean: round(mean, digits),
  };
}

/**
 * The p99 of each whole minute of a soak, by the time a sample started (seconds since the offer
 * began): [{ minute, n, p99 }], minutes 0..minutes-1 (a minute with no sample has p99 null).
 */
function perMinuteP99(samples, minutes) {
  const buckets = Array.from({ length: minutes }, () => []);
  for (const { startedAtSeconds, value } of samples) {
    const minute = Math.floor(startedAtSeconds / 60);
    if (minute >= 0 && minute < minutes) buckets[minute].push(value);
  }
  return buckets.map((values, minute) => ({
    minute: minute + 1,
    n: values.length,
    p99: round(
      percentile(
        [...values].sort((a, b) => a - b),
        99,
      ),
    ),
  }));
}

/** Last minute's p99 over the first's (the soak target is <= 1.5); null if either is missing. */
function growthRatio(minutes) {
  const first = minutes[0]?.p99;
  const last = minutes[minutes.length - 1]?.p99;
  if (minutes.length < 2 || !first || last === null || last === undefined) return null;
  return round(last / first);
}

/**
 * Shipments per second the raw figures allow: each shipment needs `msgsPerShipment` Kafka messages and
 * `storeOpsPerShipment` store operations, so the scarcer resource bounds it. A side with no figure is
 * left out; with neither, the limit is null.
 */
function limitOf({ kafkaMsgsPerSecond, msgsPerShipment, storeOpsPerSecond, storeOpsPerShipment }) {
  const bound = (perSecond, perShipment) =>
    perSecond > 0 && perShipment > 0 ? perSecond / perShipment : null;
  const kafka = bound(kafkaMsgsPerSecond, msgsPerShipment);
  const store = bound(storeOpsPerSecond, storeOpsPerShipment);
  const candidates = [
    ['kafka', kafka],
    ['store', store],
  ].filter(([, v]) => v !== null);
  if (candidates.length === 0) return { shipmentsPerSecond: null, boundBy: null, kafka: null, store: null };
  const [boundBy, shipmentsPerSecond] = candidates.reduce((a, b) => (b[1] < a[1] ? b : a));
  return {
    shipmentsPerSecond: round(shipmentsPerSecond, 1),
    boundBy,
    kafka: round(kafka, 1),
    store: round(store, 1),
  };
}

/** A rate as a share of the limit, in percent (null without both). */
function shareOf(rate, limit) {
  return rate > 0 && limit > 0 ? round((100 * rate) / limit, 1) : null;
}

/**
 * Messages a group has not consumed: per partition the log end (high) less the committed offset; a
 * partition the group has not committed yet counts from the log start (low).
 *   topicOffsets: { [topic]: [{ partition, high, low }] } (admin.fetchTopicOffsets)
 *   groupOffsets: [{ topic, partitions: [{ partition, offset }] }] (admin.fetchOffsets)
 */
function lagOf(topicOffsets, groupOffsets) {
  let lag = 0;
  for (const { topic, partitions } of groupOffsets) {
    const ends = topicOffsets[topic];
    if (!ends) continue;
    for (const { partition, high, low } of ends) {
      const committed = Number(partitions.find((p) => p.partition === partition)?.offset ?? -1);
      const from = committed >= 0 ? committed : Number(low);
      lag += Math.max(0, Number(high) - from);
    }
  }
  return lag;
}

/** new/old, rounded (null when either is missing or old is 0): the before/after ratio of two builds. */
function ratio(now, before, digits = 2) {
  return now === null || now === undefined || !before ? null : round(now / before, digits);
}

module.exports = { percentile, round, summarise, perMinuteP99, growthRatio, limitOf, shareOf, lagOf, ratio };

/** A partition's log bounds, as kafkajs admin.fetchTopicOffsets answers them (offsets as strings). */
export interface PartitionBounds {
  partition: number;
  high: string;
  low: string;
}

/** A group's committed offsets on one topic, as kafkajs admin.fetchOffsets answers them (-1: none). */
export interface CommittedOffsets {
  topic: string;
  partitions: { partition: number; offset: string }[];
}

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/**
 * Messages a group has still to consume, per partition: the high watermark less the committed offset.
 * A partition the group has not committed on yet counts from the log start, so a group that joined
 * behind a full log shows all of it (the group subscribes from the beginning). The benchmark's lagOf
 * (bench/lib/stats.js) sums the same figure from outside the apps, so it also measures older builds.
 */
export function lagByPartition(
  bounds: Record<string, PartitionBounds[]>,
  committed: CommittedOffsets[],
): PartitionLag[] {
  const lags: PartitionLag[] = [];
  for (const { topic, partitions } of committed) {
    for (const { partition, high, low } of bounds[topic] ?? []) {
      const offset = Number(partitions.find((p) => p.partition === partition)?.offset ?? -1);
      const from = offset >= 0 ? offset : Number(low);
      lags.push({ topic, partition, lag: Math.max(0, Number(high) - from) });
    }
  }
  return lags;
}

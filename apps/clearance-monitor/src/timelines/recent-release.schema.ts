import { openSetSchema, type OpenEntry } from '@tongguan/persistence';
import { Schema } from 'mongoose';
import type { ReleaseSample } from './open-set-changes';

/**
 * The stage hours of recently released shipments (_id = shipmentId), written as each release is
 * folded, so the stage-time medians read a bounded window instead of every released timeline. Each
 * read prunes what fell out of the window, so the collection stays about the window's size.
 */
export type RecentRelease = OpenEntry<ReleaseSample>;

export const RECENT_RELEASE = 'RecentRelease';

export const RecentReleaseSchema = openSetSchema('recent_releases', {
  releasedAt: Date,
  channel: { type: String, default: null },
  hours: Schema.Types.Mixed,
});

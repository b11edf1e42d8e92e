import { openSetSchema, type OpenEntry } from '@tongguan/persistence';

/**
 * The open set the escalation sweep reads: one entry per complaint that may still escalate (_id = the
 * complaint id) with its dueAt, so the sweep reads the complaints in flight, never every complaint
 * ever filed. Written before the complaint is filed (a crash leaves an entry too many, never one too
 * few); an entry whose complaint was answered or escalated is dropped by the sweep when it comes due.
 */
export type OpenComplaint = OpenEntry<{ dueAt: Date }>;

export const OPEN_COMPLAINT = 'OpenComplaint';

export const OpenComplaintSchema = openSetSchema('open_complaints', { dueAt: Date });

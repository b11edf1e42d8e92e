import type { AgencyRegistry } from '@tongguan/agencies';
import type { Inquiry } from './inquiry.schema';

/**
 * The first-contact answer is customs' step (registry customs/inquiry-answer): counted on customs'
 * calendar whichever agency's officer takes the inquiry, since first contact is the window's promise.
 */
export const INQUIRY_ANSWER = { owner: 'customs', step: 'inquiry-answer' } as const;

export type InquiryLimit = Pick<Inquiry, 'greenChannel' | 'limitHours' | 'dueAt'>;
export type AnswerTiming = Required<Pick<Inquiry, 'answerHours' | 'withinLimit'>>;

/** The limit of an inquiry opened at `openedAt`: the registry's, shorter for a green-channel shipment. */
export function inquiryLimit(registry: AgencyRegistry, openedAt: Date, greenChannel: boolean): InquiryLimit {
  const { owner, step } = INQUIRY_ANSWER;
  return { greenChannel, ...registry.dueAt(owner, step, openedAt, greenChannel) };
}

/** How long the answer took in customs' working hours (to 1/1000 h), and whether it came by dueAt. */
export function answerTiming(
  registry: AgencyRegistry,
  inquiry: Pick<Inquiry, 'openedAt' | 'dueAt'>,
  answeredAt: Date,
): AnswerTiming {
  const timing = registry.timeAgainstLimit(INQUIRY_ANSWER.owner, inquiry.openedAt, inquiry.dueAt, answeredAt);
  return { answerHours: timing.hours, withinLimit: timing.withinLimit };
}

/** Unanswered and past its dueAt at `now` (computed on read: nothing has to sweep for it). */
export function isOverdue(inquiry: Pick<Inquiry, 'status' | 'dueAt'>, now: Date): boolean {
  return inquiry.status !== 'answered' && new Date(inquiry.dueAt).getTime() < now.getTime();
}

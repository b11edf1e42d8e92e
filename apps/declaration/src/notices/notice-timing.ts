import { TRADER, type AgencyRegistry } from '@tongguan/agencies';
import type { Notice } from './notice.schema';

/** Answering a notice is the trader's own step (registry trader/notice-answer), on the trader's calendar. */
export const NOTICE_ANSWER = { owner: TRADER, step: 'notice-answer' } as const;

export type AnswerLimit = Pick<Notice, 'answerLimitHours' | 'answerDueAt'>;
export type AnswerTiming = Required<Pick<Notice, 'traderHours' | 'answeredWithinLimit'>>;

/**
 * When the answer to documents asked for at `requestedAt` is due: the registry's limit (the green
 * channel's where it has one). Each request added to an open notice gives the trader that limit for it,
 * so the notice's answerDueAt is the latest of its items' (the repository keeps the maximum).
 */
export function answerLimit(registry: AgencyRegistry, requestedAt: Date, greenChannel: boolean): AnswerLimit {
  const { owner, step } = NOTICE_ANSWER;
  const { limitHours, dueAt } = registry.dueAt(owner, step, requestedAt, greenChannel);
  return { answerLimitHours: limitHours, answerDueAt: dueAt };
}

/**
 * The whole wait from the notice's opening to the resubmission is the trader's (traderHours, on the
 * trader's calendar, to 1/1000 h), never the agencies'; answered by answerDueAt or not.
 */
export function answerTiming(
  registry: AgencyRegistry,
  notice: Pick<Notice, 'openedAt' | 'answerDueAt'>,
  answeredAt: Date,
): AnswerTiming {
  const timing = registry.timeAgainstLimit(
    NOTICE_ANSWER.owner,
    notice.openedAt,
    notice.answerDueAt,
    answeredAt,
  );
  return { traderHours: timing.hours, answeredWithinLimit: timing.withinLimit };
}

/** Still open past its answerDueAt at `now` (computed on read). */
export function answerOverdue(notice: Pick<Notice, 'status' | 'answerDueAt'>, now: Date): boolean {
  return notice.status === 'open' && new Date(notice.answerDueAt).getTime() < now.getTime();
}

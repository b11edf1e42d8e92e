import { supervises } from '@tongguan/agencies';

/**
 * The complaint's rules as pure functions of what the complaint holds, so a service method reads
 * load, decide, save, and every rule is tested without a broker or a store:
 * filed → taken (the first supervisor to take it owns it) → answered (by its owner only); escalated,
 * once, when dueAt passes unanswered (it can still be taken and answered, and stays marked
 * escalated); reopened by its importer, once, within a window after the answer (back to its owner,
 * with a new limit).
 */
export const COMPLAINT_STATUSES = ['filed', 'taken', 'answered'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export type ComplaintMoveKind = 'filed' | 'taken' | 'answered' | 'escalated' | 'reopened';

/** One move on the complaint's own audit trail: who, in which role, when and why. */
export interface ComplaintMove {
  move: ComplaintMoveKind;
  at: Date;
  by: string;
  role: string;
  why: string;
}

/** What the rules read of a complaint. */
export interface ComplaintFacts {
  status: ComplaintStatus;
  importerId: string;
  agency: string;
  limitHours: number;
  dueAt: Date;
  ownerId: string | null;
  answeredAt: Date | null;
  escalated: boolean;
  reopenedAt: Date | null;
}

/** The fields a move sets. */
export type ComplaintFields = Partial<
  ComplaintFacts & { takenAt: Date | null; answer: string | null; escalatedAt: Date | null }
>;

export interface ComplaintChange {
  set: ComplaintFields;
  move: ComplaintMove;
}

/** Who acts: the token's subject (one person), role and party (an importer, or a supervisor's agency). */
export interface Actor {
  subject: string;
  role: string;
  party: string;
}

export type RefusalCode =
  /** Not the caller's to see: not its importer's, or not its agency's supervisor's. */
  | 'NOT_VISIBLE'
  | 'ALREADY_OWNED'
  | 'ALREADY_ANSWERED'
  | 'NOT_TAKEN'
  | 'NOT_OWNER'
  | 'NOT_ANSWERED'
  | 'ALREADY_REOPENED'
  | 'REOPEN_TOO_LATE';

export interface Refusal {
  code: RefusalCode;
  message: string;
}

export type Verdict =
  { kind: 'change'; change: ComplaintChange } | { kind: 'unchanged' } | { kind: 'refused'; refusal: Refusal };

/** Who escalates: the monitor itself, no person. */
export const SYSTEM_ACTOR = { by: 'clearance-monitor', role: 'system' } as const;

const DAY_MS = 86_400_000;

const refused = (code: RefusalCode, message: string): Verdict => ({
  kind: 'refused',
  refusal: { code, message },
});
const changed = (set: ComplaintFields, move: ComplaintMove): Verdict => ({
  kind: 'change',
  change: { set, move },
});
const notVisible = refused('NOT_VISIBLE', 'the complaint is not routed to you');
const ownedBy = (c: Pick<ComplaintFacts, 'ownerId'>) => `the complaint is owned by supervisor ${c.ownerId}`;

/** A new complaint's facts and its first move; its limit is the agency's, counted from filing. */
export function filed(
  about: { agency: string; step: string | null; subject: string },
  importer: Actor,
  at: Date,
  due: { limitHours: number; dueAt: Date },
): ComplaintFacts & { history: ComplaintMove[] } {
  return {
    status: 'filed',
    importerId: importer.party,
    agency: about.agency,
    limitHours: due.limitHours,
    dueAt: due.dueAt,
    ownerId: null,
    answeredAt: null,
    escalated: false,
    reopenedAt: null,
    history: [
      {
        move: 'filed',
        at,
        by: importer.party,
        role: importer.role,
        why: `about ${about.agency}${about.step ? `/${about.step}` : ''}: ${about.subject}`,
      },
    ],
  };
}

/** First contact: the first supervisor to take it owns it; its owner taking it again changes nothing. */
export function take(c: ComplaintFacts, supervisor: Actor, at: Date): Verdict {
  if (!supervises(supervisor, c.agency)) return notVisible;
  if (c.status === 'answered') return refused('ALREADY_ANSWERED', 'the complaint is already answered');
  if (c.ownerId === supervisor.subject) return { kind: 'unchanged' };
  if (c.ownerId !== null) return refused('ALREADY_OWNED', ownedBy(c));
  return changed(
    { status: 'taken', ownerId: supervisor.subject, takenAt: at },
    {
      move: 'taken',
      at,
      by: supervisor.subject,
      role: supervisor.role,
      why: 'first contact: owns the complaint until it is answered',
    },
  );
}

/** Only the owner answers, once per filing (or reopening). */
export function answer(c: ComplaintFacts, supervisor: Actor, text: string, at: Date): Verdict {
  if (!supervises(supervisor, c.agency)) return notVisible;
  if (c.status === 'answered') return refused('ALREADY_ANSWERED', 'the complaint is already answered');
  if (c.ownerId === null) return refused('NOT_TAKEN', 'take the complaint before answering it');
  if (c.ownerId !== supervisor.subject)
    return refused('NOT_OWNER', `${ownedBy(c)}: only its owner answers it`);
  return changed(
    { status: 'answered', answer: text, answeredAt: at },
    { move: 'answered', at, by: supervisor.subject, role: supervisor.role, why: text },
  );
}

/** The escalation due at `now`, if any: unanswered past dueAt, and never escalated before. */
export function escalation(c: ComplaintFacts, now: Date): ComplaintChange | null {
  if (c.status === 'answered' || c.escalated || new Date(c.dueAt).getTime() > now.getTime()) return null;
  return {
    set: { escalated: true, escalatedAt: now },
    move: {
      move: 'escalated',
      at: now,
      ...SYSTEM_ACTOR,
      why: `not answered within ${c.limitHours} working hours of ${c.agency}'s calendar (due ${new Date(c.dueAt).toISOString()})`,
    },
  };
}

/**
 * The importer, not satisfied, reopens an answered complaint once, within `windowDays` of the answer:
 * it goes back to its owner with a new limit from now (the previous answer stays in the history).
 */
export function reopen(
  c: ComplaintFacts,
  importer: Actor,
  why: string,
  at: Date,
  policy: { windowDays: number; dueFrom: (at: Date, complaint: ComplaintFacts) => Date },
): Verdict {
  if (!(importer.role === 'importer' && importer.party === c.importerId)) return notVisible;
  if (c.status !== 'answered' || c.answeredAt === null)
    return refused('NOT_ANSWERED', 'only an answered complaint can be reopened');
  if (c.reopenedAt !== null) return refused('ALREADY_REOPENED', 'the complaint was reopened once already');
  if (at.getTime() - new Date(c.answeredAt).getTime() > policy.windowDays * DAY_MS)
    return refused(
      'REOPEN_TOO_LATE',
      `a complaint can be reopened within ${policy.windowDays} days of its answer`,
    );
  return changed(
    { status: 'taken', dueAt: policy.dueFrom(at, c), reopenedAt: at, answer: null, answeredAt: null },
    { move: 'reopened', at, by: importer.party, role: importer.role, why },
  );
}

/** Who reads a complaint: its importer, its agency's supervisors, and ops. */
export function visibleTo(reader: Actor, c: Pick<ComplaintFacts, 'importerId' | 'agency'>): boolean {
  if (reader.role === 'ops') return true;
  if (reader.role === 'importer') return reader.party === c.importerId;
  return supervises(reader, c.agency);
}

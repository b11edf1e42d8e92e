import { HttpStatus, Injectable } from '@nestjs/common';
import { AgencyRegistry } from '@tongguan/agencies';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { PARTY_ID_PATTERN, type FieldProblem } from '@tongguan/contracts';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import type { Unsaved } from '@tongguan/persistence';
import { AuditService } from '../audit/audit.service';
import { answer, filed, reopen, take, visibleTo, type Verdict } from './complaint-lifecycle';
import type { FileComplaintDto, ListComplaintsQuery } from './complaint.dto';
import { ComplaintRepository, type ComplaintCriteria, type Moved } from './complaint.repository';
import type { Complaint } from './complaint.schema';
import { ComplaintsConfig } from './complaints-config';

/** The complaint centre's use cases: each one loads, decides with complaint-lifecycle, and saves. */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly registry: AgencyRegistry,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: ComplaintsConfig,
  ) {}

  /**
   * An importer complains about one of its own shipments (one it lodged a declaration for, as the
   * shipment's audit trail shows: after a re-filing both importers may complain), naming an agency of
   * the registry and optionally one of its steps. The limit is the agency's, on the agency's calendar.
   */
  async file(dto: FileComplaintDto, importer: Principal) {
    const step = dto.step ?? undefined; // an explicit null names no step, like an absent one
    const problems = this.aboutProblems(dto.agency, step);
    if (problems.length > 0) {
      throw new DomainError(
        'COMPLAINT.INVALID',
        'the complaint names what the registry does not know; every problem is listed',
        HttpStatus.UNPROCESSABLE_ENTITY,
        problems,
      );
    }
    // a shipment the importer never declared is a 404, as if it did not exist
    await this.audit.trail(dto.shipmentId, importer);
    const at = this.clock.now();
    const limitHours = this.registry.agency(dto.agency)!.complaintLimitHours;
    const dueAt = this.registry.calendarOf(dto.agency).addWorkingHours(at, limitHours);
    const about = { agency: dto.agency, step: step ?? null, subject: dto.subject };
    const complaint = {
      _id: randomUUID(),
      shipmentId: dto.shipmentId,
      step: about.step,
      subject: dto.subject,
      text: dto.text,
      filedAt: at,
      takenAt: null,
      answer: null,
      escalatedAt: null,
      ...filed(about, importer, at, { limitHours, dueAt }),
    };
    await this.complaints.file(complaint);
    return view(complaint);
  }

  /** First contact: the first of the agency's supervisors to take it owns it (409 for the next, naming the owner). */
  async take(id: string, supervisor: Principal) {
    if (!PARTY_ID_PATTERN.test(supervisor.subject)) {
      throw new DomainError(
        'COMPLAINT.OWNER_ID_INVALID',
        "the token's subject names the owner: at most 64 letters, digits, dots, dashes or underscores",
        HttpStatus.FORBIDDEN,
      );
    }
    const at = this.clock.now();
    return this.outcome(id, await this.complaints.move(id, (c) => take(c, supervisor, at)));
  }

  /** The owner answers. */
  async answer(id: string, text: string, supervisor: Principal) {
    const at = this.clock.now();
    return this.outcome(id, await this.complaints.move(id, (c) => answer(c, supervisor, text, at)));
  }

  /** The importer reopens an answered complaint once, within the window: back to its owner, a new limit. */
  async reopen(id: string, reason: string, importer: Principal) {
    const at = this.clock.now();
    const policy = {
      windowDays: this.config.COMPLAINT_REOPEN_DAYS,
      dueFrom: (from: Date, c: Pick<Complaint, 'agency' | 'limitHours'>) =>
        this.registry.calendarOf(c.agency).addWorkingHours(from, c.limitHours),
    };
    const moved = await this.complaints.move(id, (c) => reopen(c, importer, reason, at, policy));
    // the entry follows the write: a crash in between is repaired by the next process's rebuild
    if (moved.verdict?.kind === 'change' && moved.after && !moved.after.escalated)
      await this.complaints.watch(id, moved.after.dueAt);
    return this.outcome(id, moved);
  }

  async get(id: string, reader: Principal) {
    const complaint = await this.complaints.findVisible(id);
    if (!complaint || !visibleTo(reader, complaint)) throw new NotFoundError('complaint', id);
    return view(complaint);
  }

  /** Importers see their own complaints, supervisors their agency's, ops all; latest filed first. */
  async list(query: ListComplaintsQuery, reader: Principal) {
    const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    const criteria: ComplaintCriteria = {
      ...(query.status === 'escalated' ? { escalated: true } : query.status ? { status: query.status } : {}),
      ...(query.shipmentId ? { shipmentId: query.shipmentId } : {}),
      ...(query.agency ? { agency: query.agency } : {}),
    };
    if (reader.role === 'importer') criteria.importerId = reader.party;
    else if (reader.role === 'supervisor') {
      if (query.agency && query.agency !== reader.party) return empty;
      criteria.agency = reader.party;
    }
    const { items, total } = await this.complaints.list(criteria, query.page, query.pageSize);
    return { items: items.map(view), total, page: query.page, pageSize: query.pageSize };
  }

  /** Every problem with the agency and step a complaint names. */
  private aboutProblems(agencyId: string, stepId: string | undefined): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const agency = this.registry.agency(agencyId);
    if (!agency) {
      problems.push({
        path: 'agency',
        code: 'AGENCY_UNKNOWN',
        message: `no agency ${agencyId}; the agencies are ${this.registry.agencies.map((a) => a.id).join(', ')}`,
      });
    }
    if (stepId !== undefined && agency && !agency.steps.some((s) => s.id === stepId)) {
      problems.push({
        path: 'step',
        code: 'STEP_UNKNOWN',
        message: `${agency.id} has no step ${stepId}; its steps are ${agency.steps.map((s) => s.id).join(', ')}`,
      });
    }
    if (
      stepId !== undefined &&
      !agency &&
      !this.registry.agencies.some((a) => a.steps.some((s) => s.id === stepId))
    ) {
      problems.push({ path: 'step', code: 'STEP_UNKNOWN', message: `no agency has a step ${stepId}` });
    }
    return problems;
  }

  /** The complaint after a move, or the refusal as a 404 (not the caller's) or a 409 (not now). */
  private outcome(id: string, { after, verdict }: Moved) {
    if (!after || !verdict) throw new NotFoundError('complaint', id);
    return refusedOrView(verdict, after, id);
  }
}

function refusedOrView(verdict: Verdict, complaint: Complaint, id: string) {
  if (verdict.kind !== 'refused') return view(complaint);
  const { code, message } = verdict.refusal;
  if (code === 'NOT_VISIBLE') throw new NotFoundError('complaint', id);
  throw new DomainError(`COMPLAINT.${code}`, message, HttpStatus.CONFLICT);
}

/** A complaint as the API shows it: its id, its fields and its history, without storage fields. */
function view({ _id, revision: _revision, ...shown }: Unsaved<Complaint> & { revision?: number }) {
  return { id: _id, ...shown };
}

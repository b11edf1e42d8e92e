import { HttpStatus, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AgencyRegistry } from '@tongguan/agencies';
import type { Principal } from '@tongguan/auth';
import { OutboxRelay, stableEventId, type IncomingEvent } from '@tongguan/messaging';
import { DomainError } from '@tongguan/platform';
import { ApprovalDeadlines } from './approval-deadline-target';
import { decidesFor, visibleAgencies } from './approval-access';
import { isUndecided, planOpening } from './approval-lifecycle';
import type { ApprovalTask } from './approval-task.schema';
import {
  ApprovalTaskPage,
  ApprovalTaskView,
  type ApprovalDecisionDto,
  type ListApprovalsQuery,
} from './approval-task.dto';
import { ApprovalTaskRepository, type NewApprovalTask } from './approval-task.repository';
import { ApprovalTransitions } from './approval-transitions';

/**
 * The approval desk: every agency step a declaration needs (ApprovalsRequested) becomes a task in that
 * agency's queue, timed on its calendar; its officers decide it, or the limit does (see
 * ApprovalDeadlineTarget). Reads and decisions are the agency's own: another agency's task is not
 * found.
 */
@Injectable()
export class ApprovalDeskService implements OnModuleInit {
  private readonly logger = new Logger(ApprovalDeskService.name);

  constructor(
    private readonly tasks: ApprovalTaskRepository,
    private readonly transitions: ApprovalTransitions,
    private readonly registry: AgencyRegistry,
    private readonly deadlines: ApprovalDeadlines,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.tasks.outboxModel);
  }

  /**
   * Opens a task per step of the request, each once (its id is derived from the declaration, version,
   * agency and step, so a redelivery or a second instance opens nothing twice), timed from the
   * request's business time; closes what an amendment superseded.
   */
  async open(event: IncomingEvent<'ApprovalsRequested'>): Promise<void> {
    const request = event.payload;
    const unknown = request.approvals.filter((a) => !this.registry.step(a.agency, a.step));
    if (unknown.length > 0) {
      // the registries disagree: dead-lettered, to be redriven once this service knows the step
      throw new Error(
        `ApprovalsRequested names steps this registry lacks: ${unknown.map((a) => `${a.agency}/${a.step}`).join(', ')}`,
      );
    }
    const { declarationId, declarationVersion: version } = request;
    const { tasks, ended } = await this.tasks.ofDeclaration(declarationId);
    const plan = planOpening({ version, approvals: request.approvals }, tasks, ended);
    const openedAt = new Date(event.time);
    for (const approval of plan.open) {
      const { agency, step, ruleIds } = approval;
      const { limitHours, dueAt } = this.registry.dueAt(agency, step, openedAt, request.greenChannel);
      const task: NewApprovalTask = {
        _id: stableEventId(`approval:${declarationId}:v${version}:${agency}:${step}`),
        declarationId,
        declarationVersion: version,
        shipmentId: request.shipmentId,
        agency,
        step,
        ruleIds,
        importerId: request.importerId,
        tradeMode: request.tradeMode,
        currency: request.currency,
        items: request.items.map(({ hsCode, originCountry, customsValueMinor, documents }) => ({
          hsCode,
          originCountry,
          customsValueMinor,
          ...(documents?.length
            ? { documents: documents.map(({ code, number }) => ({ code, number })) }
            : {}),
        })),
        greenChannel: request.greenChannel,
        status: 'open',
        tacitApproval: this.registry.step(agency, step)!.tacitApproval,
        openedAt,
        limitHours,
        dueAt,
        reasons: [],
        traderWaitHours: 0,
        correlationId: event.correlationId,
        causationId: event.id,
      };
      if (await this.tasks.open(task)) this.deadlines.set(task._id, dueAt);
    }
    const superseded = {
      kind: 'close',
      status: 'superseded',
      reason: `superseded by version ${version}`,
    } as const;
    for (const id of plan.supersede) await this.transitions.apply(id, superseded, openedAt);
    if (plan.open.length > 0)
      this.logger.debug(`${declarationId} v${version}: ${plan.open.length} approval task(s) open`);
  }

  /**
   * The declaration ended (withdrawn; or refused release, or rejected at acceptance review: 'closed'):
   * no request opens a task for it any more, and its undecided tasks close with the reason, silently,
   * so none lapses into a tacit approval or sits overdue in a scorecard. Idempotent: a closed task
   * stays as it is.
   */
  async closeDeclaration(
    declarationId: string,
    ending: { status: 'withdrawn' | 'closed'; reason: string },
    at: Date,
  ): Promise<void> {
    await this.tasks.markEnded(declarationId, ending.status, at);
    const { tasks } = await this.tasks.ofDeclaration(declarationId);
    const close = { kind: 'close', ...ending } as const;
    for (const task of tasks.filter((t) => isUndecided(t.status)))
      await this.transitions.apply(task._id, close, at);
  }

  async list(principal: Principal, query: ListApprovalsQuery): Promise<ApprovalTaskPage> {
    if (query.agency && !this.registry.agency(query.agency)) {
      const message = `agency ${query.agency} is not in the agency registry`;
      throw new DomainError('APPROVAL.UNKNOWN_AGENCY', message, HttpStatus.UNPROCESSABLE_ENTITY, [
        { path: 'agency', code: 'unknownAgency', message },
      ]);
    }
    const visible = visibleAgencies(principal, this.registry);
    const agencies = query.agency ? visible.filter((a) => a === query.agency) : visible;
    const { page, pageSize } = query;
    if (agencies.length === 0) return { items: [], page, pageSize, total: 0 };
    const { items, total } = await this.tasks.queue({ agencies, status: query.status }, page, pageSize);
    return { items: items.map((t) => ApprovalTaskView.of(t)), page, pageSize, total };
  }

  async get(principal: Principal, id: string): Promise<ApprovalTaskView> {
    return ApprovalTaskView.of(await this.visible(principal, id));
  }

  /** The officer's decision, with AgencyDecisionRecorded in the same write. */
  async decide(principal: Principal, id: string, dto: ApprovalDecisionDto): Promise<ApprovalTaskView> {
    const task = await this.tasks.findVisible(id);
    if (!task || !decidesFor(principal, task.agency, this.registry)) throw notFound(id);
    const fact = {
      kind: 'decide',
      officerId: principal.party,
      outcome: dto.outcome,
      reasons: dto.reasons ?? [],
    } as const;
    await this.transitions.apply(id, fact);
    return this.get(principal, id);
  }

  /** Another agency's task is not found, rather than forbidden: its existence is that agency's business. */
  private async visible(principal: Principal, id: string): Promise<ApprovalTask> {
    const task = await this.tasks.findVisible(id);
    if (!task || !visibleAgencies(principal, this.registry).includes(task.agency)) throw notFound(id);
    return task;
  }
}

function notFound(id: string): DomainError {
  return new DomainError('APPROVAL.NOT_FOUND', `approval task ${id} not found`, HttpStatus.NOT_FOUND);
}

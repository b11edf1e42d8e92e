import type { AgencyDefinition, AgencyRegistry } from '@tongguan/agencies';
import type { WorkingCalendar } from '@tongguan/clock';
import { StoppedError, type EventObserver } from '../platform/event-observer';
import type { Incidents } from '../platform/incidents';
import { describeAnswer, type ApiAnswer, type PlatformApi, type Role } from '../platform/platform-api';
import type { Sleeper } from '../platform/sleeper';
import type { LimitsSeen } from '../report/agency-decisions';
import type { Scenario } from '../scenario/scenario';
import { approvalBehaviourOf, type ShipmentPlan } from '../traffic/traffic-plan';
import type { Outcomes } from './outcomes';

interface ApprovalJob {
  shipmentId: string;
  agency: string;
  step: string;
  greenChannel: boolean;
  decisionHours: number;
}

/** One approval as the desk lists it (GET /v1/approvals); only what the officers read. */
interface ListedApproval {
  id: string;
  shipmentId: string;
  agency: string;
  step: string;
  status: string;
  limitHours: number;
  greenChannel: boolean;
}

/** Pages of 100 an officer reads through its agency's queue (more than a simulated day fills). */
const MAX_PAGES = 5;

/** Inspection's tasks are the inspectors' (apps/simulator/src/actors/inspectors.ts), not the desk's. */
const OWN_QUEUE = 'inspection';

/**
 * The officers of every other approving agency of the registry (customs' acceptance review, licensing,
 * health) at the approval desk: each shipment's ApprovalsRequested puts its approvals in the agencies'
 * queues (green channel first); an officer, only in the working hours of the agency's calendar, finds
 * the approval on the desk (GET /v1/approvals), spends the drawn time on it and approves it
 * (POST /v1/approvals/:id/decision). Some approvals are put aside first, some never decided (tacit
 * approval, where the registry allows it), as the scenario's approvals.* draws say.
 */
export class ApprovalDesks {
  private readonly queues = new Map<string, ApprovalJob[]>();
  private readonly idle = new Map<
    string,
    { resolve: (job: ApprovalJob) => void; reject: (e: Error) => void }[]
  >();
  private running = true;

  constructor(
    private readonly scenario: Scenario,
    private readonly registry: AgencyRegistry,
    private readonly api: PlatformApi,
    private readonly observer: EventObserver,
    private readonly sleeper: Sleeper,
    private readonly incidents: Incidents,
    private readonly outcomes: Outcomes,
    private readonly limitsSeen: LimitsSeen,
  ) {}

  start(): Promise<void>[] {
    return this.registry.agencies
      .filter((agency) => agency.id !== OWN_QUEUE)
      .flatMap((agency) =>
        Array.from({ length: this.scenario.approvals.officersPerAgency }, (_, i) =>
          this.work(agency, officerOf(agency, i)),
        ),
      );
  }

  /** Officers waiting for work go home; one busy with an approval stops at its next wait. */
  stop(): void {
    this.running = false;
    for (const waiting of [...this.idle.values()].flat()) waiting.reject(new StoppedError());
    this.idle.clear();
  }

  /** Waits for the shipment's approvals to be requested, then queues each as the draws say. */
  async handle(plan: ShipmentPlan): Promise<void> {
    try {
      const requested = (await this.observer.waitFor(plan.blNumber, 'ApprovalsRequested')).payload;
      const approvals = (requested.approvals ?? []) as { agency: string; step: string }[];
      approvals.forEach(({ agency, step }, index) => {
        if (agency === OWN_QUEUE || !this.registry.agency(agency)) {
          this.incidents.record('approval desk: no simulated officers for the agency', `${agency}/${step}`);
          return;
        }
        const tacit = this.registry.step(agency, step)?.tacitApproval ?? false;
        const behaviour = approvalBehaviourOf(plan, this.scenario, index, tacit);
        if (behaviour.neverDecides) {
          this.outcomes.add(`approval ${agency}/${step} left to its time limit`);
          return;
        }
        const job = {
          shipmentId: plan.blNumber,
          agency,
          step,
          greenChannel: requested.greenChannel === true,
          decisionHours: behaviour.decisionHours,
        };
        if (behaviour.setAsideHours === 0) this.submit(job);
        else void this.setAside(job, behaviour.setAsideHours);
      });
    } catch (error) {
      if (!(error instanceof StoppedError)) throw error;
    }
  }

  private async setAside(job: ApprovalJob, hours: number): Promise<void> {
    this.outcomes.add(`approval ${job.agency}/${job.step} put aside (decided late)`);
    const calendar = this.registry.calendarOf(job.agency);
    const back = calendar.addWorkingHours(this.sleeper.clock.now(), hours).getTime();
    await this.sleeper.untilBusiness(back).then(
      () => this.submit(job),
      () => undefined,
    );
  }

  private submit(job: ApprovalJob): void {
    const waiting = this.idle.get(job.agency)?.shift();
    if (waiting) waiting.resolve(job);
    else this.queues.set(job.agency, [...(this.queues.get(job.agency) ?? []), job]);
  }

  private next(agency: string): Promise<ApprovalJob> {
    const queue = this.queues.get(agency) ?? [];
    const green = queue.findIndex((j) => j.greenChannel);
    if (queue.length > 0) return Promise.resolve(queue.splice(green >= 0 ? green : 0, 1)[0]);
    if (!this.running) return Promise.reject(new StoppedError());
    return new Promise((resolve, reject) =>
      this.idle.set(agency, [...(this.idle.get(agency) ?? []), { resolve, reject }]),
    );
  }

  private async work(agency: AgencyDefinition, as: { role: Role; party: string }): Promise<void> {
    const calendar = this.registry.calendarOf(agency.id);
    try {
      while (this.running) {
        const job = await this.next(agency.id);
        await this.atWork(calendar);
        const approval = await this.find(as, job);
        if (approval === 'closed') {
          this.outcomes.add(`approval ${job.agency}/${job.step} closed before an officer reached it`);
          continue;
        }
        if (!approval) continue;
        this.limitsSeen.record(job.agency, job.step, approval.greenChannel, approval.limitHours);
        await this.sleeper.untilBusiness(
          calendar.addWorkingHours(this.sleeper.clock.now(), job.decisionHours).getTime(),
        );
        const decided = await this.api.call(
          'inspection',
          as,
          'POST',
          `/v1/approvals/${approval.id}/decision`,
          { outcome: 'approved' },
        );
        if (decided.status < 300)
          this.outcomes.add(`approval ${job.agency}/${job.step} decided by an officer`);
        else if (decided.status === 409)
          this.outcomes.add(`approval ${job.agency}/${job.step}: officer too late, deemed approved first`);
        else
          this.incidents.record(
            'approval desk: decision refused',
            `${job.shipmentId} ${describeAnswer(decided)}`,
          );
      }
    } catch (error) {
      if (!(error instanceof StoppedError)) throw error;
    }
  }

  private async atWork(calendar: WorkingCalendar): Promise<void> {
    const now = this.sleeper.clock.now();
    if (!calendar.isWorkingTime(now)) {
      await this.sleeper.untilBusiness(calendar.addWorkingHours(now, 0).getTime());
    }
  }

  /**
   * The approval in the agency's queue on the desk (open, or overdue where the law has no tacit
   * approval); 'closed' once it was decided or deemed approved before the officer came to it. The desk
   * hears of the request by event too, so a new approval may take a moment to appear.
   */
  private async find(
    as: { role: Role; party: string },
    job: ApprovalJob,
  ): Promise<ListedApproval | 'closed' | undefined> {
    let answer: ApiAnswer = { status: 0, body: undefined };
    for (let attempt = 0; attempt < 10; attempt++) {
      for (const status of ['open', 'overdue']) {
        for (let page = 1; page <= MAX_PAGES; page++) {
          answer = await this.api.call(
            'inspection',
            as,
            'GET',
            `/v1/approvals?agency=${job.agency}&status=${status}&pageSize=100&page=${page}`,
          );
          if (answer.status !== 200) break;
          const items = (answer.body?.items ?? []) as ListedApproval[];
          const found = items.find((a) => a.shipmentId === job.shipmentId && a.step === job.step);
          if (found) return found;
          if (items.length < 100) break;
        }
        if (answer.status !== 200) break;
      }
      if (answer.status !== 200) break;
      const decided = this.observer
        .eventsOf(job.shipmentId, 'AgencyDecisionRecorded')
        .some((e) => e.payload?.agency === job.agency && e.payload?.step === job.step);
      if (decided) return 'closed';
      await this.sleeper.real(2_000);
    }
    this.incidents.record(
      answer.status === 404 ? 'approval desk: endpoint missing (404)' : 'approval desk: approval not listed',
      `${job.shipmentId} ${job.agency}/${job.step} ${describeAnswer(answer)}`,
    );
    return undefined;
  }
}

/** An agency's officer: role 'agency' carries the agency id as party, a named role its own officer id. */
export function officerOf(agency: AgencyDefinition, index: number): { role: Role; party: string } {
  if (agency.officerRole === 'agency') return { role: 'agency', party: agency.id };
  return {
    role: agency.officerRole as Role,
    party: `SIM-${agency.id.toUpperCase()}-OFFICER-${String(index + 1).padStart(2, '0')}`,
  };
}

import type { WorkingCalendar } from '@tongguan/clock';
import { StoppedError, type EventObserver } from '../platform/event-observer';
import type { Incidents } from '../platform/incidents';
import { describeAnswer, type PlatformApi } from '../platform/platform-api';
import type { Sleeper } from '../platform/sleeper';
import type { LimitsSeen } from '../report/agency-decisions';
import type { Outcomes } from './outcomes';

export interface InspectionJob {
  taskId: string;
  shipmentId: string;
  greenChannel: boolean;
  /** Working hours the check takes. */
  hours: number;
  /** Working hours of the second look after the importer's documents came. */
  recheckHours: number;
  requestsDocuments: boolean;
  /** Working hours of the officers' calendar the task lies put aside before it joins the queue. */
  setAsideHours?: number;
  /** Set once an officer has claimed the task: only the claimant may decide it. */
  officerId?: string;
}

/**
 * Officers (role inspection) working the task queue one task at a time, only in the working hours of
 * their calendar: take the next task (green channel first), claim it, spend the drawn service time,
 * then decide it (or first ask the importer for documents, and take the task up again when they come).
 */
export class Inspectors {
  private readonly queue: InspectionJob[] = [];
  private readonly idle: {
    officerId: string;
    resolve: (job: InspectionJob) => void;
    reject: (error: Error) => void;
  }[] = [];
  private running = true;

  constructor(
    private readonly officers: number,
    private readonly calendar: WorkingCalendar,
    private readonly api: PlatformApi,
    private readonly observer: EventObserver,
    private readonly sleeper: Sleeper,
    private readonly incidents: Incidents,
    private readonly outcomes: Outcomes,
    private readonly limitsSeen: LimitsSeen,
  ) {}

  start(): Promise<void>[] {
    return Array.from({ length: this.officers }, (_, i) =>
      this.work(`SIM-OFFICER-${String(i + 1).padStart(2, '0')}`),
    );
  }

  submit(job: InspectionJob): void {
    if (job.setAsideHours) {
      this.outcomes.add('task put aside by the officers (decided late)');
      const back = this.calendar.addWorkingHours(this.sleeper.clock.now(), job.setAsideHours).getTime();
      void this.sleeper.untilBusiness(back).then(
        () => this.submit({ ...job, setAsideHours: 0 }),
        () => undefined,
      );
      return;
    }
    const index = this.idle.findIndex((o) => job.officerId === undefined || o.officerId === job.officerId);
    if (index >= 0) this.idle.splice(index, 1)[0].resolve(job);
    else this.queue.push(job);
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Officers waiting for work go home; one busy with a task stops at its next wait. */
  stop(): void {
    this.running = false;
    for (const waiting of this.idle.splice(0)) waiting.reject(new StoppedError());
  }

  /** The officer's next task: their own tasks back from the importer, else the queue, green channel first. */
  private next(officerId: string): Promise<InspectionJob> {
    const mine = (j: InspectionJob) => j.officerId === undefined || j.officerId === officerId;
    const green = this.queue.findIndex((j) => mine(j) && j.greenChannel);
    const index = green >= 0 ? green : this.queue.findIndex(mine);
    if (index >= 0) return Promise.resolve(this.queue.splice(index, 1)[0]);
    if (!this.running) return Promise.reject(new StoppedError());
    return new Promise((resolve, reject) => this.idle.push({ officerId, resolve, reject }));
  }

  private async work(officerId: string): Promise<void> {
    const as = { role: 'inspection' as const, party: officerId };
    try {
      while (this.running) {
        const job = await this.next(officerId);
        await this.atWork();
        // a task back from the importer is still the claimant's
        const claim = job.officerId
          ? { status: 200, body: undefined }
          : await this.api.call('inspection', as, 'POST', `/v1/inspection-tasks/${job.taskId}/claim`);
        if (claim.status >= 300) {
          // a task deemed approved while it queued is closed: the queue was longer than the time limit
          if (claim.status === 409) this.outcomes.add('task closed before an officer reached it');
          else
            this.incidents.record('inspection: claim refused', `${job.shipmentId} ${describeAnswer(claim)}`);
          continue;
        }
        const task = claim.body as { kind?: string; greenChannel?: boolean; limitHours?: number } | undefined;
        if (task?.kind)
          this.limitsSeen.record('inspection', task.kind, task.greenChannel === true, task.limitHours);
        await this.sleeper.untilBusiness(
          this.calendar.addWorkingHours(this.sleeper.clock.now(), job.hours).getTime(),
        );
        if (job.requestsDocuments) {
          await this.askForDocuments(as, job);
          continue;
        }
        const result = await this.api.call(
          'inspection',
          as,
          'POST',
          `/v1/inspection-tasks/${job.taskId}/result`,
          {
            result: 'passed',
            findings: [],
          },
        );
        if (result.status < 300) this.outcomes.add('inspection decided by an officer');
        else if (result.status === 409)
          this.outcomes.add('officer too late: deemed approved or closed first');
        else
          this.incidents.record('inspection: result refused', `${job.shipmentId} ${describeAnswer(result)}`);
      }
    } catch (error) {
      if (!(error instanceof StoppedError)) throw error;
    }
  }

  /** Waits for the officers' next working time (nights, weekends and holidays of their calendar). */
  private async atWork(): Promise<void> {
    const now = this.sleeper.clock.now();
    if (!this.calendar.isWorkingTime(now)) {
      await this.sleeper.untilBusiness(this.calendar.addWorkingHours(now, 0).getTime());
    }
  }

  private async askForDocuments(
    as: { role: 'inspection'; party: string },
    job: InspectionJob,
  ): Promise<void> {
    const asked = await this.api.call(
      'inspection',
      as,
      'POST',
      `/v1/inspection-tasks/${job.taskId}/document-requests`,
      {
        documents: [
          { code: 'PACKING_LIST', description: 'detailed packing list matching the container contents' },
        ],
      },
    );
    if (asked.status >= 300) {
      if (asked.status !== 409) {
        this.incidents.record(
          'inspection: documents request refused',
          `${job.shipmentId} ${describeAnswer(asked)}`,
        );
      }
      return;
    }
    this.outcomes.add('documents requested by an officer');
    // the officer turns to other work; the task comes back to the queue when the documents come
    void this.observer
      .waitFor(job.shipmentId, 'DocumentsSubmitted')
      .then(() =>
        this.submit({ ...job, hours: job.recheckHours, requestsDocuments: false, officerId: as.party }),
      )
      .catch(() => undefined);
  }
}

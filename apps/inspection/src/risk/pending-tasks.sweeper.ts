import { PeriodicJob } from '@tongguan/platform';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RiskService } from './risk.service';

/** Rare: the sweep scans the assessments (see RiskAssessmentRepository.pendingTaskOpenings). */
const SWEEP_MS = 60_000;

/**
 * Safety net for the two-write hand-over from assessment to task: the DeclarationAccepted handler opens
 * the task right away, and a redelivery after a crash between the writes opens it again; this finds
 * assessments whose task is still unopened all the same (a dead-lettered retry) and opens it. The
 * deadline counts from the assessment, so a late opening keeps it.
 */
@Injectable()
export class PendingTasksSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(risk: RiskService) {
    const sweep = async () => {
      await risk.openPendingTasks();
      return SWEEP_MS;
    };
    this.job = new PeriodicJob('pending task sweep', sweep, SWEEP_MS, new Logger(PendingTasksSweeper.name));
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }
}

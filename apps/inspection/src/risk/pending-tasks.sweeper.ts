import { PeriodicJob } from '@tongguan/platform';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RiskService } from './risk.service';

const SWEEP_MS = 60_000;

/**
 * Safety net for the two-write hand-over from assessment to task: the DeclarationAccepted handler opens
 * the task right away, and a redelivery after a crash between the writes opens it again; this finds
 * assessments whose task is still unopened all the same (a dead-lettered retry) and opens it. The
 * deadline counts from the assessment, so a late opening keeps it. It reads the open set of pending
 * openings (as many as are in flight); its first run rebuilds that set from the assessments once.
 */
@Injectable()
export class PendingTasksSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(risk: RiskService) {
    let recovered = false;
    const sweep = async () => {
      if (!recovered) {
        await risk.recoverPendingOpenings();
        recovered = true;
      }
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

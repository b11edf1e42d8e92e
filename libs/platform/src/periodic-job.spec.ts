import { type Logger } from '@nestjs/common';
import { PeriodicJob } from './periodic-job';

const logger = { warn: jest.fn() } as unknown as Logger;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PeriodicJob', () => {
  it('runs again after the delay the job asks for, and keeps going after a failure', async () => {
    let runs = 0;
    const job = new PeriodicJob(
      'test',
      async () => {
        runs++;
        if (runs === 2) throw new Error('database away');
        return 5;
      },
      5,
      logger,
    );
    job.start();
    await sleep(100);
    await job.stop();
    expect(runs).toBeGreaterThan(3);
    expect(logger.warn).toHaveBeenCalledWith('test will retry: database away');
  });

  it('waits for the run in progress on stop and runs no more after it', async () => {
    let finished = 0;
    let started = 0;
    const slowRun = async () => {
      started++;
      await sleep(30);
      finished++;
      return 1;
    };
    const job = new PeriodicJob('test', slowRun, 1, logger);
    job.start();
    await sleep(10);
    await job.stop();
    expect(finished).toBe(started);
    await sleep(20);
    expect(started).toBe(finished);
  });

  it('runs at once when woken, and once more after a run that was woken while in progress', async () => {
    let runs = 0;
    const job = new PeriodicJob(
      'test',
      async () => {
        runs++;
        await sleep(20);
        return 60_000;
      },
      60_000,
      logger,
    );
    job.start();
    await sleep(5); // the first run is in progress
    job.wake();
    await sleep(60);
    expect(runs).toBe(2);
    job.wake();
    await sleep(40);
    expect(runs).toBe(3);
    await job.stop();
  });
});

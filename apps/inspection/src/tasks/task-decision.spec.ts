import type { InspectionTask } from './inspection-task.schema';
import { assertDecidable } from './task-decision';

function task(status: InspectionTask['status']): InspectionTask {
  return { _id: 't-1', status, limitHours: 8, deadline: new Date('2026-03-02T16:00:00Z') } as InspectionTask;
}

function refusal(fn: () => void): { code: string; status: number } | null {
  try {
    fn();
    return null;
  } catch (error) {
    const e = error as { getResponse(): { code: string }; getStatus(): number };
    return { code: e.getResponse().code, status: e.getStatus() };
  }
}

describe('assertDecidable', () => {
  it('lets an officer decide an open task before its deadline', () => {
    expect(refusal(() => assertDecidable(task('open'), new Date('2026-03-02T15:59:59Z')))).toBeNull();
  });

  it('refuses a task already decided with 409 INSPECTION.TASK_CLOSED', () => {
    for (const status of ['passed', 'failed', 'deemed-approved'] as const) {
      expect(refusal(() => assertDecidable(task(status), new Date('2026-03-02T09:00:00Z')))).toEqual({
        code: 'INSPECTION.TASK_CLOSED',
        status: 409,
      });
    }
  });

  it('refuses an open task at or after its deadline with 409 INSPECTION.DEADLINE_PASSED', () => {
    for (const at of ['2026-03-02T16:00:00Z', '2026-03-03T08:00:00Z']) {
      expect(refusal(() => assertDecidable(task('open'), new Date(at)))).toEqual({
        code: 'INSPECTION.DEADLINE_PASSED',
        status: 409,
      });
    }
  });
});

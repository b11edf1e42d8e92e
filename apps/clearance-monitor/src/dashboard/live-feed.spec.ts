import { Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { MonitorUpdate } from '../live/monitor-updates';
import { coalesce, MAX_IDS_PER_MESSAGE, type LiveMessage } from './live-feed';

const timeline = (shipmentId: string): MonitorUpdate => ({ kind: 'timeline', shipmentId });

describe('coalesce', () => {
  it('turns a burst into one message per window and stays silent in between', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold<MonitorUpdate>('a b c 1s d e', {
        a: timeline('COSU1'),
        b: timeline('COSU2'),
        c: { kind: 'alert', shipmentId: 'COSU1', sla: 'at-risk' },
        d: timeline('COSU3'),
        e: { kind: 'standing', agency: 'licensing', belowTarget: true },
      });
      // a, b, c at 0-2 ms: one window closing at 500 ms; d at 1003 ms opens the next, closing at 1503 ms
      expectObservable(source.pipe(coalesce(500, scheduler))).toBe('500ms x 1002ms y', {
        x: {
          timelines: 2,
          shipmentIds: ['COSU1', 'COSU2'],
          alerts: [{ shipmentId: 'COSU1', sla: 'at-risk' }],
          standings: [],
          more: false,
        },
        y: {
          timelines: 1,
          shipmentIds: ['COSU3'],
          alerts: [],
          standings: [{ agency: 'licensing', belowTarget: true }],
          more: false,
        },
      });
    });
  });

  it('caps the ids a message names and says there were more', () => {
    const updates = new Subject<MonitorUpdate>();
    const messages: LiveMessage[] = [];
    updates.pipe(coalesce(10_000)).subscribe((m) => messages.push(m));
    for (let i = 0; i < MAX_IDS_PER_MESSAGE + 20; i++) updates.next(timeline(`COSU${i}`));
    updates.complete(); // completing flushes the open window
    expect(messages).toHaveLength(1);
    expect(messages[0].shipmentIds).toHaveLength(MAX_IDS_PER_MESSAGE);
    expect(messages[0].timelines).toBe(MAX_IDS_PER_MESSAGE + 20);
    expect(messages[0].more).toBe(true);
  });
});

import type { CloudEvent } from '@tongguan/contracts';
import { laterStaging, type StagedOutbox } from './outbox-signal';

const event = (id: string) => ({ id }) as CloudEvent<object>;
const staging = (outboxSeq: number, marked: number, ids: string[]): StagedOutbox => ({
  outbox: ids.map(event),
  outboxSeq,
  marked,
});

describe('what the relay knows of a document staged twice before it got to it', () => {
  it('keeps the outbox the later staging left, which holds the earlier staging’s events before its own', () => {
    const first = staging(1, 1, ['a']);
    const second = staging(2, 2, ['a', 'b']);
    expect(laterStaging(first, second)).toEqual(second);
    // the signals may arrive in either order: outboxSeq, counted by the store, orders them
    expect(laterStaging(second, first)).toEqual(second);
  });

  it('keeps the highest marker count, whichever staging’s upsert of the marker landed last', () => {
    expect(laterStaging(staging(1, 2, ['a']), staging(2, 1, ['a', 'b']))).toEqual(staging(2, 2, ['a', 'b']));
  });

  it('knows nothing once either write could not tell its outbox: the relay reads the document', () => {
    expect(laterStaging(null, staging(2, 2, ['a', 'b']))).toBeNull();
    expect(laterStaging(staging(1, 1, ['a']), null)).toBeNull();
  });
});

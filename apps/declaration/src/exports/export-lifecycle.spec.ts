import {
  decide,
  releaseBlockers,
  statusAfter,
  type DeclarationFact,
  type DeclarationState,
} from '../declarations/declaration-lifecycle';

/** An accepted export declaration owing no export duty, not yet risk-assessed. */
const exported = (over: Partial<DeclarationState> = {}): DeclarationState => ({
  status: 'accepted',
  direction: 'export',
  goodsAtPort: false,
  inspectionCleared: false,
  duty: { currency: 'CNY', totalMinor: 0 },
  paid: true,
  settlements: [],
  ...over,
});

function run(state: DeclarationState, ...facts: DeclarationFact[]) {
  const released: boolean[] = [];
  for (const fact of facts) {
    const t = decide(state, fact);
    if (!t) continue;
    released.push(Boolean(t.released));
    state = {
      ...state,
      ...t.set,
      status: statusAfter(state, t),
      ...(t.released ? { releasedAt: new Date() } : {}),
    };
  }
  return { state, releases: released.filter(Boolean).length };
}

const GREEN: DeclarationFact = { kind: 'risk-assessed', channel: 'GREEN', taskId: '' };

describe('export declaration lifecycle', () => {
  it('waits for the goods at the port before releasing for loading', () => {
    const cleared = run(exported(), GREEN);
    expect(cleared.releases).toBe(0);
    expect(releaseBlockers(cleared.state)).toEqual(['export goods not at the port yet']);
    const atPort = run(cleared.state, { kind: 'goods-at-port' });
    expect(atPort.releases).toBe(1);
    expect(atPort.state.status).toBe('released');
  });

  it('releases at risk assessment when the goods came first, and says it is a release for loading', () => {
    const t = decide(exported({ goodsAtPort: true }), GREEN);
    expect(t?.released).toBe(true);
    expect(t?.steps.at(-1)?.reason).toMatch(/^released for loading: .*the goods at the port/);
  });

  it('ends goods-exited on departure, never on a gate-out', () => {
    const released = run(exported(), GREEN, { kind: 'goods-at-port' }).state;
    expect(decide(released, { kind: 'goods-exited', via: 'gate-out' })).toBeNull();
    expect(run(released, { kind: 'goods-exited', via: 'departure' }).state.status).toBe('goods-exited');
  });

  it('counts a repeated gate-in once and ignores it on an import', () => {
    const atPort = run(exported(), { kind: 'goods-at-port' }).state;
    expect(decide(atPort, { kind: 'goods-at-port' })).toBeNull();
    expect(decide(exported({ direction: undefined }), { kind: 'goods-at-port' })).toBeNull();
  });

  it('keeps an import gate-out as the import exit, and a departure does not end an import', () => {
    const imported: DeclarationState = { ...exported({ direction: undefined }), status: 'released' };
    expect(decide(imported, { kind: 'goods-exited', via: 'departure' })).toBeNull();
    expect(decide(imported, { kind: 'goods-exited', via: 'gate-out' })?.steps[0].status).toBe('goods-exited');
  });
});

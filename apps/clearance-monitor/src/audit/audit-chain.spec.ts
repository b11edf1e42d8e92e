import { canonicalJson, chainedAfter, entryHash, GENESIS_HASH, verifyChain } from './audit-chain';

const record = (eventId: string, action = `did ${eventId}`) => ({
  eventId,
  at: new Date('2026-03-02T01:30:00Z'),
  service: 'inspection',
  type: 'tongguan.inspection.InspectionCompleted.v1',
  actor: 'OFFICER-9',
  role: 'inspection',
  action,
  reasons: ['a', 'b'],
});

function trail(shipmentId: string, n: number) {
  const entries: ReturnType<typeof chainedAfter<ReturnType<typeof record>>>[] = [];
  for (let i = 0; i < n; i++) entries.push(chainedAfter(shipmentId, entries.at(-1), record(`e${i}`)));
  return entries;
}

describe('canonicalJson', () => {
  it('is the same for the same content whatever the key order, with dates in UTC and undefined left out', () => {
    const a = canonicalJson({ b: 1, a: [new Date('2026-03-02T09:30:00+08:00'), 'x'], c: undefined });
    const b = canonicalJson({ a: [new Date('2026-03-02T01:30:00.000Z'), 'x'], b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":["2026-03-02T01:30:00.000Z","x"],"b":1}');
  });
});

describe('the audit hash chain', () => {
  it('links each entry to the hash of the one before it, the first to the genesis', () => {
    const entries = trail('COSU1', 3);
    expect(entries[0].prevHash).toBe(GENESIS_HASH);
    expect(entries[1].prevHash).toBe(entries[0].hash);
    expect(entries[2].prevHash).toBe(entries[1].hash);
    expect(entries[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyChain('COSU1', entries)).toEqual([]);
  });

  it('binds an entry to its shipment: the same entries verify under no other shipment', () => {
    expect(verifyChain('OTHER1', trail('COSU1', 2))).toHaveLength(2);
  });

  it('reports an entry changed in place at that entry', () => {
    const entries = trail('COSU1', 3);
    entries[1] = { ...entries[1], action: 'inspection passed' };
    expect(verifyChain('COSU1', entries)).toEqual([
      { shipmentId: 'COSU1', index: 1, eventId: 'e1', reason: expect.stringMatching(/content changed/) },
    ]);
  });

  it('reports an entry rewritten with a fresh hash at the link of the next entry', () => {
    const entries = trail('COSU1', 3);
    const forged = { ...entries[1], reasons: [] as string[] };
    entries[1] = { ...forged, hash: entryHash('COSU1', forged) };
    expect(verifyChain('COSU1', entries)).toEqual([
      expect.objectContaining({ index: 2, reason: expect.stringMatching(/link broken/) }),
    ]);
  });

  it('reports an entry removed from the middle, and one without a chain', () => {
    const entries = trail('COSU1', 3);
    expect(verifyChain('COSU1', [entries[0], entries[2]])).toEqual([
      expect.objectContaining({ index: 1, eventId: 'e2', reason: expect.stringMatching(/link broken/) }),
    ]);
    const { hash: _h, prevHash: _p, ...bare } = entries[0];
    expect(verifyChain('COSU1', [bare])).toEqual([
      expect.objectContaining({ index: 0, reason: expect.stringMatching(/^entry carries no hash chain/) }),
    ]);
  });
});

import { creatingCollection, isCollectionCreationRace } from './mongo-errors';

const race = new Error(
  'Unknown error: Document with key \'test_r1_inspection.outbox_markers\' already existed in H2Collection(test_r1_inspection.system.namespaces): {"name" : "test_r1_inspection.outbox_markers"}',
);

describe('a write that lost the race to create its collection', () => {
  it('is told from other failures by the store message', () => {
    expect(isCollectionCreationRace(race)).toBe(true);
    expect(isCollectionCreationRace(new Error('E11000 duplicate key error'))).toBe(false);
    expect(isCollectionCreationRace(null)).toBe(false);
  });

  it('is tried once more; any other failure is not', async () => {
    let calls = 0;
    await expect(
      creatingCollection(async () => {
        calls++;
        if (calls === 1) throw race;
        return 'written';
      }),
    ).resolves.toBe('written');
    expect(calls).toBe(2);
    const other = new Error('store down');
    await expect(creatingCollection(() => Promise.reject(other))).rejects.toBe(other);
  });
});

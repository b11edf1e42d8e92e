import { ExportYard } from './export-yard';

const container = (blNumber: string, bookedOnCall: number) => ({
  blNumber,
  containerNumber: `C-${blNumber}`,
  bookedOnCall,
});

describe('ExportYard', () => {
  it('loads only the containers released for loading; the others are shut out and roll to the next call', () => {
    const yard = new ExportYard();
    yard.gatedIn(container('A', 0));
    yard.gatedIn(container('B', 0));
    yard.gatedIn(container('C', 1));
    const released = new Set(['A']);
    const first = yard.loadingFor(0, (bl) => released.has(bl));
    expect(first.load.map((c) => c.blNumber)).toEqual(['A']);
    expect(first.shutOut.map((c) => c.blNumber)).toEqual(['B']);

    released.add('B');
    released.add('C');
    const second = yard.loadingFor(1, (bl) => released.has(bl));
    expect(second.load.map((c) => c.blNumber)).toEqual(['B', 'C']);
    expect(second.shutOut).toEqual([]);
    expect(yard.left()).toEqual([]);
  });

  it('leaves a container booked on a later vessel for that vessel, even when it is released', () => {
    const yard = new ExportYard();
    yard.gatedIn(container('D', 3));
    expect(yard.loadingFor(2, () => true)).toEqual({ load: [], shutOut: [] });
    expect(yard.left().map((c) => c.blNumber)).toEqual(['D']);
  });
});

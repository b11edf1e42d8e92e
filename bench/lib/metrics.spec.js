const { counterByLabel, difference, total } = require('./metrics');

const SCRAPE = `# HELP tongguan_store_commands_total Commands sent to the store
# TYPE tongguan_store_commands_total counter
tongguan_store_commands_total{command="insert"} 12
tongguan_store_commands_total{command="find"} 30
tongguan_store_commands_total{command="update"} 7
# HELP tongguan_store_commands_totally_other Another counter
tongguan_store_commands_totally_other{command="find"} 999
`;

describe('reading a counter from /metrics', () => {
  it('sums the samples of one counter by a label', () => {
    expect(counterByLabel(SCRAPE, 'tongguan_store_commands_total', 'command')).toEqual({
      insert: 12,
      find: 30,
      update: 7,
    });
  });

  it('tells a counter with no sample yet (zero) from one the build does not have (null)', () => {
    const declaredOnly =
      '# HELP tongguan_store_commands_total x\n# TYPE tongguan_store_commands_total counter\n';
    expect(counterByLabel(declaredOnly, 'tongguan_store_commands_total', 'command')).toEqual({});
    expect(
      counterByLabel('# TYPE other counter\nother 1\n', 'tongguan_store_commands_total', 'command'),
    ).toBeNull();
  });

  it('gives the window as after - before, and its total', () => {
    const window = difference({ insert: 15, find: 30, delete: 2 }, { insert: 12, find: 30 });
    expect(window).toEqual({ insert: 3, find: 0, delete: 2 });
    expect(total(window)).toBe(5);
    expect(difference(null, { insert: 1 })).toBeNull();
    expect(total(null)).toBeNull();
  });
});

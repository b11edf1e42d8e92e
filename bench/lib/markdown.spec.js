const { replaceBetweenMarkers, table } = require('./markdown');

describe('markdown tables', () => {
  it('pads every column to its widest cell, right-aligned columns marked with a colon, as Prettier does', () => {
    const text = table(
      ['run', 'released/s', 'p99 s'],
      [
        ['10/s', 9.95, null],
        ['closed 200', 120.5, 0.8],
      ],
      ['l', 'r', 'r'],
    );
    expect(text).toBe(
      [
        '| run        | released/s | p99 s |',
        '| ---------- | ---------: | ----: |',
        '| 10/s       |       9.95 |     - |',
        '| closed 200 |      120.5 |   0.8 |',
      ].join('\n'),
    );
  });

  it('escapes a pipe inside a cell', () => {
    expect(table(['a'], [['x|y']], ['l']).split('\n')[2]).toBe('| x\\|y |');
  });
});

describe('the figures section of docs/performance.md', () => {
  it('replaces only what lies between the markers', () => {
    const doc = '# Perf\n\nintro\n\n<!-- bench:begin -->\nold figures\n<!-- bench:end -->\n\n## Later\n';
    expect(replaceBetweenMarkers(doc, 'new figures\n')).toBe(
      '# Perf\n\nintro\n\n<!-- bench:begin -->\n\nnew figures\n\n<!-- bench:end -->\n\n## Later\n',
    );
  });

  it('refuses a document without both markers', () => {
    expect(() => replaceBetweenMarkers('# Perf\n<!-- bench:end -->\n', 'x')).toThrow(/markers/);
  });
});

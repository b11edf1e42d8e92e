// Markdown output of the benchmark, laid out exactly as Prettier lays it out (so `prettier --check`
// passes on the rewritten docs/performance.md), and the rewrite between the bench markers.

const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

/**
 * A table with every column padded to its widest cell. `align` is one letter per column: 'l' or 'r'.
 * Cells are strings (null/undefined print as '-'); a '|' inside a cell is escaped.
 */
function table(header, rows, align) {
  const text = (cell) => (cell === null || cell === undefined ? '-' : String(cell).replace(/\|/g, '\\|'));
  const cells = [header, ...rows].map((row) => row.map(text));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((row) => row[i].length)));
  const pad = (cell, i) => (align[i] === 'r' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]));
  const line = (row) => `| ${row.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

/** The same table as plain text for a terminal: right-aligned columns, two spaces apart. */
function textTable(header, rows) {
  const text = (cell) => (cell === null || cell === undefined ? '-' : String(cell));
  const cells = [header, ...rows].map((row) => row.map(text));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells.map((row) => row.map((c, i) => c.padStart(widths[i])).join('  ')).join('\n');
}

/** `document` with what lies between the markers replaced by `content`; throws if a marker is missing. */
function replaceBetweenMarkers(document, content) {
  const begin = document.indexOf(BEGIN);
  const end = document.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`markers ${BEGIN} ... ${END} not found (in this order)`);
  return `${document.slice(0, begin + BEGIN.length)}\n\n${content.trim()}\n\n${document.slice(end)}`;
}

module.exports = { table, textTable, replaceBetweenMarkers, BEGIN, END };

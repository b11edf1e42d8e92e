#!/usr/bin/env node
// Prints where a CPU profile's time went: busy share, self time per package (node_modules/<name>,
// the project's own code, node internals, GC) and the heaviest functions by self time.
//   node bench/profile-summary.js FILE.cpuprofile... [--top 25]
const fs = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 25;
if (args.length === 0) {
  process.stderr.write('usage: node bench/profile-summary.js FILE.cpuprofile... [--top 25]\n');
  process.exit(2);
}

function packageOf(url, name) {
  if (name === '(garbage collector)') return '(gc)';
  if (name === '(idle)' || name === '(program)' || name === '(root)') return name;
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.indexOf('/dist/');
  return dist >= 0
    ? `tongguan ${url
        .slice(dist + 6)
        .split('/')
        .slice(0, 2)
        .join('/')}`
    : url;
}

for (const file of args) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map();
  // timeDeltas[i] is the time before sample i; attribute each sample's interval to its node
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const delta = profile.timeDeltas[i + 1] ?? 0;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + Math.max(0, delta));
  }
  const total = profile.endTime - profile.startTime;
  const perPackage = new Map();
  const perFunction = new Map();
  let idle = 0;
  for (const [id, micros] of selfMicros) {
    const { callFrame } = byId.get(id);
    const pkg = packageOf(callFrame.url, callFrame.functionName);
    if (pkg === '(idle)') idle += micros;
    perPackage.set(pkg, (perPackage.get(pkg) ?? 0) + micros);
    const where = callFrame.url
      ? `${callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')}:${callFrame.lineNumber + 1}`
      : '';
    const key = `${callFrame.functionName || '(anonymous)'} ${where}`;
    perFunction.set(key, (perFunction.get(key) ?? 0) + micros);
  }
  const busy = total - idle;
  const ms = (micros) => (micros / 1000).toFixed(0).padStart(7);
  const share = (micros) => `${((100 * micros) / busy).toFixed(1).padStart(5)}%`;
  process.stdout.write(
    `\n${path.basename(file)}: ${(total / 1e6).toFixed(1)} s profiled, busy ${(busy / 1e6).toFixed(1)} s (${((100 * busy) / total).toFixed(0)}%)\n`,
  );
  process.stdout.write('  self time by package (ms, share of busy):\n');
  for (const [pkg, micros] of [...perPackage]
    .filter(([p]) => p !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15))
    process.stdout.write(`  ${ms(micros)} ${share(micros)}  ${pkg}\n`);
  process.stdout.write(`  heaviest functions (self):\n`);
  for (const [fn, micros] of [...perFunction]
    .filter(([f]) => !f.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    process.stdout.write(`  ${ms(micros)} ${share(micros)}  ${fn}\n`);
}

// Command line of bench/pipeline.js (its header comment is the usage text).
const fs = require('node:fs');
const path = require('node:path');

const VALUED = [
  'rates',
  'closed',
  'duration',
  'count',
  'drain',
  'warmup',
  'instances',
  'repo',
  'mongo',
  'kafka',
  'json',
  'mix',
  'partitions',
  'env',
  'profile',
  'limit-messages',
  'limit-iterations',
  'calibrate',
  'soak',
  'rate',
  'infra-pids',
];
const FLAGS = ['no-build', 'keep-data', 'docs', 'no-limit', 'help'];
const REPEATABLE = new Set(['env', 'repo']);

function usage(problem) {
  const lines = fs
    .readFileSync(path.join(__dirname, '..', 'pipeline.js'), 'utf8')
    .split('\n')
    .slice(1); // after the shebang
  const header = lines
    .slice(
      0,
      lines.findIndex((line) => !line.startsWith('//')),
    )
    .map((line) => line.slice(3))
    .join('\n');
  process.stderr.write(`${problem ? `${problem}\n\n` : ''}${header}\n`);
  process.exit(problem ? 2 : 0);
}

const numbers = (text) => (text === undefined || text === '' ? [] : String(text).split(',').map(Number));

function parseOptions(args, benchRepo) {
  const raw = { env: [], repo: [] };
  for (let i = 0; i < args.length; i++) {
    const name = args[i].replace(/^--/, '');
    if (!args[i].startsWith('--') || ![...VALUED, ...FLAGS].includes(name))
      usage(`unknown argument ${args[i]}`);
    if (FLAGS.includes(name)) raw[name] = true;
    else if (i + 1 >= args.length) usage(`--${name} needs a value`);
    else if (REPEATABLE.has(name)) raw[name].push(args[++i]);
    else raw[name] = args[++i];
  }
  if (raw.help) usage();
  const soak = raw.soak === undefined ? null : Number(raw.soak);
  if (soak !== null && (raw.rates || raw.closed))
    usage('--soak runs one rate (--rate R); drop --rates/--closed');
  if (raw.rate !== undefined && soak === null) usage('--rate goes with --soak (use --rates for a series)');
  const defaults = soak === null && !raw.rates && !raw.closed;
  const options = {
    rates: soak !== null ? [Number(raw.rate ?? 50)] : numbers(raw.rates ?? (defaults ? '10,25,50,100' : '')),
    closed: numbers(raw.closed ?? (defaults ? '200' : '')),
    soak,
    duration: soak ?? Number(raw.duration ?? 45),
    count: raw.count === undefined ? undefined : Number(raw.count),
    drain: Number(raw.drain ?? 30),
    warmup: Number(raw.warmup ?? 3),
    instances: Number(raw.instances ?? 1),
    repos: (raw.repo.length ? raw.repo : [benchRepo]).map((r) => path.resolve(r)),
    mongo: raw.mongo ?? 'mongodb://127.0.0.1:27017',
    brokers: (raw.kafka ?? '127.0.0.1:9092').split(','),
    json: path.resolve(raw.json ?? path.join(benchRepo, 'bench', 'results', 'latest.json')),
    docs: Boolean(raw.docs),
    mix: numbers(raw.mix ?? '6,3,1'),
    partitions: Number(raw.partitions ?? 6),
    env: Object.fromEntries(
      raw.env.map((pair) => {
        const at = pair.indexOf('=');
        if (at <= 0) usage(`--env wants KEY=VALUE, got ${pair}`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
    ),
    profile: raw.profile,
    build: !raw['no-build'],
    keepData: Boolean(raw['keep-data']),
    // the soak answers one question (does latency grow?); the limit is the series' business
    limit: !raw['no-limit'] && soak === null,
    limitMessages: Number(raw['limit-messages'] ?? 20_000),
    limitIterations: Number(raw['limit-iterations'] ?? 3_000),
    calibrate: Number(raw.calibrate ?? 20),
    infraPids: raw['infra-pids'] ?? null,
  };
  const positiveInt = (v) => Number.isInteger(v) && v > 0;
  if (
    [...options.rates, ...options.closed].some((r) => !(r > 0)) ||
    options.rates.length + options.closed.length === 0 ||
    !(options.duration > 0) ||
    (options.count !== undefined && !positiveInt(options.count)) ||
    !(options.drain >= 0) ||
    !(Number.isInteger(options.warmup) && options.warmup >= 0) ||
    !positiveInt(options.instances) ||
    !positiveInt(options.partitions) ||
    !positiveInt(options.limitMessages) ||
    !positiveInt(options.limitIterations) ||
    !positiveInt(options.calibrate) ||
    options.mix.length !== 3 ||
    options.mix.some((w) => !(Number.isInteger(w) && w >= 0)) ||
    options.mix.every((w) => w === 0)
  ) {
    usage('bad option value');
  }
  for (const repo of options.repos) {
    if (!fs.existsSync(path.join(repo, 'tsconfig.build.json'))) usage(`${repo} is not a Tongguan checkout`);
  }
  return options;
}

module.exports = { parseOptions, usage };

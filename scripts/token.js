#!/usr/bin/env node
// Prints a bearer token for the local setup: npm run -s token -- --role importer --party TRADER-1
const jwt = require('jsonwebtoken');

const ROLES = [
  'importer',
  'exporter',
  'customs',
  'inspection',
  'port',
  'carrier',
  'ops',
  'agency',
  'supervisor',
];
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const role = option('role');
const party = option('party') ?? role;
const hours = Number(option('hours') ?? 12);
// the services refuse a token that lives longer than JWT_MAX_LIFETIME (libs/config: seconds or 30m/24h/7d)
const maxHours = maxLifetimeSeconds(process.env.JWT_MAX_LIFETIME || '24h') / 3600;
if (!ROLES.includes(role) || !party || !(hours > 0) || !(hours <= maxHours)) {
  process.stderr.write(
    `usage: npm run -s token -- --role <${ROLES.join('|')}> --party <id> [--hours 12] (at most ${maxHours} h: JWT_MAX_LIFETIME)\n`,
  );
  process.exit(2);
}
const secret = process.env.JWT_SECRET || 'tongguan-local-development-secret';
process.stdout.write(
  jwt.sign({ role, party }, secret, {
    algorithm: 'HS256',
    subject: party,
    issuer: 'tongguan',
    expiresIn: hours * 3600,
  }) + '\n',
);

function maxLifetimeSeconds(value) {
  const match = /^(\d{1,9})\s*([smhd]?)$/.exec(value.trim());
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };
  return match ? Number(match[1]) * unit[match[2]] : 0;
}

#!/usr/bin/env node
// Prints a bearer token for the local setup: npm run -s token -- --role importer --party TRADER-1
const jwt = require('jsonwebtoken');

const ROLES = ['importer', 'customs', 'inspection', 'port', 'carrier', 'ops'];
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const role = option('role');
const party = option('party') ?? role;
const hours = Number(option('hours') ?? 12);
if (!ROLES.includes(role) || !party || !(hours > 0)) {
  process.stderr.write(`usage: npm run -s token -- --role <${ROLES.join('|')}> --party <id> [--hours 12]\n`);
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

#!/usr/bin/env node
// Walks the audit hash chains of clearance-monitor in its store and reports every break:
//   npm run audit:verify [-- --shipment <B/L> ...] [--mongo mongodb://127.0.0.1:27017] [--db tongguan_clearance_monitor]
// Prints each break, then the shipments and entries checked; exits 1 when a chain is broken, 2 when it
// could not check (bad arguments, store unreachable, a named shipment without a trail). The chain rules
// are the service's own (apps/clearance-monitor/src/audit/audit-chain.ts), compiled into dist/.
const path = require('node:path');
const mongoose = require('mongoose');

const args = process.argv.slice(2);
const shipments = [];
let mongoUri = process.env.MONGO_URI || 'mongodb://127.0.0.1:27017';
let dbName = `${process.env.MONGO_DB_PREFIX ?? 'tongguan_'}clearance_monitor`;
for (let i = 0; i < args.length; i++) {
  const value = args[i + 1];
  if (args[i] === '--shipment' && value) shipments.push(value.trim().toUpperCase());
  else if (args[i] === '--mongo' && value) mongoUri = value;
  else if (args[i] === '--db' && value) dbName = value;
  else usage(`unknown or incomplete argument ${args[i]}`);
  i++;
}

function usage(problem) {
  process.stderr.write(
    `${problem}\nusage: npm run audit:verify [-- --shipment <B/L> ...] [--mongo <uri>] [--db <database>]\n`,
  );
  process.exit(2);
}

function chainRules() {
  const compiled = path.join(
    __dirname,
    '..',
    'dist',
    'apps',
    'clearance-monitor',
    'src',
    'audit',
    'audit-chain.js',
  );
  try {
    return require(compiled);
  } catch {
    process.stderr.write(`${compiled} missing: build first (npx tsc -p tsconfig.build.json)\n`);
    process.exit(2);
  }
}

async function main() {
  const { verifyChain } = chainRules();
  const connection = await mongoose
    .createConnection(mongoUri, { dbName, serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  const trails = connection.db.collection('audit_trails');
  let checked = 0;
  let entries = 0;
  let breaks = 0;
  let missing = 0;
  const check = (trail) => {
    checked++;
    entries += trail.entries?.length ?? 0;
    for (const found of verifyChain(trail._id, trail.entries ?? [])) {
      breaks++;
      process.stdout.write(
        `BREAK ${found.shipmentId} entry ${found.index} (event ${found.eventId}): ${found.reason}\n`,
      );
    }
  };
  try {
    if (shipments.length > 0) {
      for (const id of shipments) {
        const trail = await trails.findOne({ _id: id });
        if (trail) check(trail);
        else {
          missing++;
          process.stdout.write(`MISSING ${id}: no audit trail in ${dbName}\n`);
        }
      }
    } else {
      // an offline check of the whole store: it reads every trail once, in batches
      for await (const trail of trails.find({}).batchSize(200)) check(trail);
    }
  } finally {
    await connection.close();
  }
  process.stdout.write(
    `audit:verify ${dbName}: ${checked} shipments checked, ${entries} entries, ${breaks} break${breaks === 1 ? '' : 's'}\n`,
  );
  process.exitCode = breaks > 0 ? 1 : missing > 0 ? 2 : 0;
}

main().catch((error) => {
  process.stderr.write(`audit:verify could not check: ${error.message}\n`);
  process.exit(2);
});

#!/usr/bin/env node
// Readiness probe for the local MongoDB-compatible server (mongo-java-server, or any MongoDB): retries a real
// `ping` and `isMaster` over the wire with the mongodb driver until both succeed.
// Usage: node deploy/local/wait-mongo.js [timeoutSeconds=30]   (MONGO_PORT, default 27017)
// Exit 0 = ready, 1 = timed out (last error printed).
'use strict';
const { MongoClient } = require('mongodb');

const port = process.env.MONGO_PORT || '27017';
const uri = `mongodb://127.0.0.1:${port}/`;
const timeoutMs = Number(process.argv[2] || 30) * 1000;

(async () => {
  const deadline = Date.now() + timeoutMs;
  let lastErr;
  for (;;) {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
    try {
      await client.connect();
      const admin = client.db('admin');
      const ping = await admin.command({ ping: 1 });
      // isMaster, not hello: mongo-java-server answers the legacy handshake command only
      const hello = await admin.command({ isMaster: 1 });
      if (ping.ok !== 1 || hello.ismaster !== true)
        throw new Error('unexpected ping/isMaster: ' + JSON.stringify({ ping, hello }));
      await client.close();
      console.log(`mongo ready on ${uri} (maxWireVersion ${hello.maxWireVersion})`);
      process.exit(0);
    } catch (e) {
      lastErr = e;
      await client.close().catch(() => {});
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  console.error(`mongo NOT ready on ${uri} after ${timeoutMs / 1000}s: ${lastErr && lastErr.message}`);
  process.exit(1);
})();

#!/usr/bin/env node
// Feature probe: mongoose 8 (+ mongodb driver 6) against the local mongo-java-server
// (or any MongoDB-wire server).
// Usage: node deploy/local/smoke-mongo.js [--verbose]   (MONGO_PORT, default 27017)
//
// Every check runs on freshly seeded data and prints one line:
//   OK           works like MongoDB
//   UNSUPPORTED  errors or gives a result different from MongoDB
// Each check carries the outcome documented in deploy/local/README.md
// ("MongoDB features to avoid or emulate"); the script exits 1 if any result
// differs from it (a relied-on feature broke, or a documented gap went away:
// then update the README). Checks marked "info" never fail the run.
'use strict';
const mongoose = require('mongoose');

const port = process.env.MONGO_PORT || '27017';
const uri = process.env.MONGO_URL || `mongodb://127.0.0.1:${port}/`;
const dbName = `smoke_${Date.now().toString(36)}`;
const verbose = process.argv.includes('--verbose');
const { Schema } = mongoose;
const { Long, Binary, ObjectId, Decimal128 } = mongoose.mongo;

function assert(c, m) {
  if (!c) throw new Error('assert: ' + m);
}
function eq(a, b, m) {
  const x = JSON.stringify(a),
    y = JSON.stringify(b);
  if (x !== y) throw new Error(`${m}: got ${x}, want ${y}`);
}
async function expectCode(p, code, m) {
  try {
    await p;
  } catch (e) {
    if (e.code === code) return;
    throw new Error(
      `${m}: got code ${e.code} (${String(e.message).split('\n')[0].slice(0, 120)}), want ${code}`,
    );
  }
  throw new Error(`${m}: no error, want code ${code}`);
}

const checks = [];
// expect: true = works, false = documented as unsupported, 'info' = reported only
function check(name, expect, fn) {
  checks.push({ name, expect, fn });
}

let conn, db, Order, raw;

const orderSchema = new Schema(
  {
    orderId: { type: String, required: true, unique: true },
    status: { type: String, default: 'NEW' },
    amount: Number,
    tags: [String],
    outbox: [{ id: String, topic: String, payload: Schema.Types.Mixed, _id: false }],
    createdAt: Date,
    meta: Schema.Types.Mixed,
  },
  { timestamps: true, optimisticConcurrency: true },
);

// Fresh data for every check (raw driver: exact shapes, no mongoose defaults).
async function seed() {
  await raw.deleteMany({});
  await raw.insertMany([
    {
      orderId: 'o1',
      status: 'NEW',
      amount: 10,
      tags: ['a', 'b'],
      createdAt: new Date('2024-01-02T03:04:05.678Z'),
      outbox: [
        { id: 'e1', topic: 't1' },
        { id: 'e2', topic: 't1' },
        { id: 'e3', topic: 't2' },
      ],
      __v: 0,
    },
    { orderId: 'o2', status: 'NEW', amount: 20, tags: [], outbox: [], __v: 0 },
    { orderId: 'o3', status: 'PAID', amount: 30, tags: ['b'], outbox: [{ id: 'e4', topic: 't1' }], __v: 0 },
    { orderId: 'o4', status: 'PAID', amount: 40, __v: 0 }, // no arrays at all (e.g. created by a raw upsert)
  ]);
}
const ids = async (filter, sort = { orderId: 1 }) =>
  (await Order.find(filter).sort(sort).lean()).map((d) => d.orderId);
const get = (orderId) => raw.findOne({ orderId });

// ---------------------------------------------------------------- basics
check('connect with dbName + ping + isMaster', true, async () => {
  eq((await db.admin().command({ ping: 1 })).ok, 1, 'ping');
  const h = await db.admin().command({ isMaster: 1 });
  assert(h.ismaster === true, 'isMaster.ismaster');
  if (verbose) {
    const b = await db.admin().command({ buildInfo: 1 });
    console.log(
      `   isMaster.maxWireVersion=${h.maxWireVersion} buildInfo.version=${b.version} setName=${h.setName}`,
    );
  }
});
check('unique index from schema (syncIndexes) + listIndexes', true, async () => {
  await Order.syncIndexes();
  const idx = await Order.collection.indexes();
  assert(
    idx.some((i) => i.key.orderId === 1 && i.unique),
    'unique index missing: ' + JSON.stringify(idx),
  );
});
check('insert: Model.create, insertMany', true, async () => {
  await Order.create({ orderId: 'n1', amount: 1 });
  await Order.insertMany([{ orderId: 'n2' }, { orderId: 'n3' }]);
  eq(await Order.countDocuments(), 7, 'count');
});
check('duplicate key on insert -> E11000 code 11000', true, async () => {
  await expectCode(Order.create({ orderId: 'o1' }), 11000, 'create');
});
check('duplicate key in insertMany(ordered:false) -> 11000, others inserted', true, async () => {
  await expectCode(
    Order.insertMany([{ orderId: 'o2' }, { orderId: 'n9' }], { ordered: false }),
    11000,
    'insertMany',
  );
  assert(await Order.exists({ orderId: 'n9' }), 'n9 not inserted');
});
check('duplicate key on upsert that inserts -> 11000', true, async () => {
  await expectCode(
    Order.updateOne({ orderId: 'zz' }, { $set: { orderId: 'o1' } }, { upsert: true }),
    11000,
    'upsert',
  );
});
check('duplicate key on update of existing doc -> 11000', true, async () => {
  await expectCode(Order.updateOne({ orderId: 'o3' }, { $set: { orderId: 'o1' } }), 11000, 'updateOne');
  await expectCode(
    Order.findOneAndUpdate({ orderId: 'o3' }, { $set: { orderId: 'o1' } }),
    11000,
    'findOneAndUpdate',
  );
  await expectCode(Order.replaceOne({ orderId: 'o3' }, { orderId: 'o1' }), 11000, 'replaceOne');
});
check('unique index: two docs with explicit null -> 11000', true, async () => {
  const c = db.collection('uniq_null');
  await c.createIndex({ k: 1 }, { unique: true });
  await c.insertOne({ k: null });
  await expectCode(c.insertOne({ k: null }), 11000, 'null dup');
});
check('unique index: two docs MISSING the field -> 11000 (MongoDB rejects)', true, async () => {
  const c = db.collection('uniq_missing');
  await c.createIndex({ k: 1 }, { unique: true });
  await c.insertOne({ x: 1 });
  await expectCode(c.insertOne({ x: 2 }), 11000, 'missing dup');
});
check('compound unique index', true, async () => {
  const c = db.collection('compound');
  await c.createIndex({ a: 1, b: 1 }, { unique: true });
  await c.insertMany([
    { a: 1, b: 1 },
    { a: 1, b: 2 },
  ]);
  await expectCode(c.insertOne({ a: 1, b: 1 }), 11000, 'dup');
});
check('sparse unique index accepted', true, async () => {
  await db.collection('sparse').createIndex({ a: 1 }, { unique: true, sparse: true });
});
check('descending / compound index, dropIndex', true, async () => {
  await raw.createIndex({ status: 1, createdAt: -1 });
  await raw.dropIndex('status_1_createdAt_-1');
});

// ---------------------------------------------------------------- updates
check('findOneAndUpdate upsert (new:true) + $setOnInsert', true, async () => {
  const d = await Order.findOneAndUpdate(
    { orderId: 'u1' },
    { $set: { amount: 1 }, $setOnInsert: { status: 'CREATED' } },
    { upsert: true, new: true },
  );
  eq([d.orderId, d.amount, d.status], ['u1', 1, 'CREATED'], 'insert');
  const d2 = await Order.findOneAndUpdate(
    { orderId: 'u1' },
    { $set: { amount: 2 }, $setOnInsert: { status: 'X' } },
    { upsert: true, new: true },
  );
  eq([d2.amount, d2.status], [2, 'CREATED'], 'update');
});
check('updateOne upsert -> upsertedId', true, async () => {
  const r = await Order.updateOne({ orderId: 'u2' }, { $set: { amount: 1 } }, { upsert: true });
  assert(r.upsertedCount === 1 && r.upsertedId, JSON.stringify(r));
});
check('$set (incl. dotted) / $inc / $unset', true, async () => {
  await Order.updateOne(
    { orderId: 'o1' },
    { $set: { status: 'PAID', 'meta.a': 1, 'meta.b': 2 }, $inc: { amount: 5 } },
  );
  await Order.updateOne({ orderId: 'o1' }, { $unset: { 'meta.a': '' }, $inc: { 'meta.c': 1 } });
  const d = await get('o1');
  eq([d.status, d.amount, d.meta], ['PAID', 15, { b: 2, c: 1 }], 'doc');
});
check('$push / $push $each / $addToSet $each', true, async () => {
  await Order.updateOne(
    { orderId: 'o1' },
    { $push: { outbox: { id: 'e5', topic: 't' } }, $addToSet: { tags: { $each: ['a', 'c'] } } },
  );
  await Order.updateOne({ orderId: 'o1' }, { $push: { outbox: { $each: [{ id: 'e6' }, { id: 'e7' }] } } });
  await raw.updateOne({ orderId: 'o4' }, { $push: { outbox: { id: 'x' } } }); // onto a missing field
  const d = await get('o1');
  eq(
    [d.tags, d.outbox.map((o) => o.id)],
    [
      ['a', 'b', 'c'],
      ['e1', 'e2', 'e3', 'e5', 'e6', 'e7'],
    ],
    'doc',
  );
  eq((await get('o4')).outbox, [{ id: 'x' }], 'push on missing');
});
check('$min / $max / $mul / $rename / $currentDate / $pop', true, async () => {
  await raw.updateOne({ orderId: 'o2' }, { $max: { amount: 25 }, $currentDate: { touched: true } });
  await raw.updateOne(
    { orderId: 'o2' },
    { $mul: { amount: 2 }, $rename: { touched: 'touchedAt' }, $min: { x: 3 } },
  );
  await raw.updateOne({ orderId: 'o1' }, { $pop: { tags: 1 } });
  const d = await get('o2');
  eq([d.amount, d.x, d.touchedAt instanceof Date], [50, 3, true], 'o2');
  eq((await get('o1')).tags, ['a'], '$pop');
});
check('$pull by exact scalar value', true, async () => {
  await Order.updateOne({ orderId: 'o1' }, { $pull: { tags: 'a' } });
  eq((await get('o1')).tags, ['b'], 'tags');
});
check('$pull by exact whole subdocument ({id, topic} all fields)', true, async () => {
  await Order.updateOne({ orderId: 'o1' }, { $pull: { outbox: { id: 'e1', topic: 't1' } } });
  eq(
    (await get('o1')).outbox.map((o) => o.id),
    ['e2', 'e3'],
    'outbox',
  );
});
check('$pullAll with exact subdocuments', true, async () => {
  await raw.updateOne(
    { orderId: 'o1' },
    {
      $pullAll: {
        outbox: [
          { id: 'e1', topic: 't1' },
          { id: 'e3', topic: 't2' },
        ],
      },
    },
  );
  eq(
    (await get('o1')).outbox.map((o) => o.id),
    ['e2'],
    'outbox',
  );
});
check('$pull with condition {outbox: {id: {$in: [..]}}}', true, async () => {
  await Order.updateOne({ orderId: 'o1' }, { $pull: { outbox: { id: { $in: ['e1', 'e3'] } } } });
  eq(
    (await get('o1')).outbox.map((o) => o.id),
    ['e2'],
    'outbox (silently unchanged on FerretDB)',
  );
});
check("$pull with partial subdocument {outbox: {id: 'e1'}}", true, async () => {
  await Order.updateOne({ orderId: 'o1' }, { $pull: { outbox: { id: 'e1' } } });
  eq(
    (await get('o1')).outbox.map((o) => o.id),
    ['e2', 'e3'],
    'outbox (silently unchanged on FerretDB)',
  );
});
check('$pull with operator on scalars {tags: {$in: [..]}} / {$gte: n}', true, async () => {
  await Order.updateOne({ orderId: 'o1' }, { $pull: { tags: { $in: ['a'] } } });
  eq((await get('o1')).tags, ['b'], 'tags (silently unchanged on FerretDB)');
});
check("$set by numeric array index ('outbox.0.topic')", true, async () => {
  await raw.updateOne({ orderId: 'o3' }, { $set: { 'outbox.0.topic': 'z' } });
  eq((await get('o3')).outbox[0].topic, 'z', 'topic');
});
check("positional $ update ('outbox.$.topic')", true, async () => {
  await raw.updateOne({ orderId: 'o1', 'outbox.id': 'e2' }, { $set: { 'outbox.$.topic': 'u' } });
  eq((await get('o1')).outbox[1].topic, 'u', 'topic');
});
check('arrayFilters ($[el]) update', true, async () => {
  await raw.updateOne(
    { orderId: 'o1' },
    { $set: { 'outbox.$[el].topic': 'v' } },
    { arrayFilters: [{ 'el.id': 'e2' }] },
  );
  eq((await get('o1')).outbox[1].topic, 'v', 'topic');
});
check('$push with $slice / $sort / $position modifiers', true, async () => {
  await raw.updateOne({ orderId: 'o1' }, { $push: { tags: { $each: ['q'], $slice: -2 } } });
  eq((await get('o1')).tags, ['b', 'q'], 'tags (modifier silently ignored on FerretDB)');
});
check('update with aggregation pipeline ([{$set: ...}])', false, async () => {
  await raw.updateOne({ orderId: 'o1' }, [{ $set: { amount2: { $add: ['$amount', 1] } } }]);
  eq((await get('o1')).amount2, 11, 'amount2');
});
check('updateMany / deleteMany / deleteOne / findOneAndDelete / replaceOne', true, async () => {
  eq((await raw.updateMany({ status: 'NEW' }, { $set: { flag: true } })).modifiedCount, 2, 'updateMany');
  eq((await Order.findOneAndDelete({ orderId: 'o4' })).orderId, 'o4', 'findOneAndDelete');
  eq(
    (await raw.replaceOne({ orderId: 'o3' }, { orderId: 'o3', replaced: true })).modifiedCount,
    1,
    'replaceOne',
  );
  eq((await raw.deleteMany({ status: 'NEW' })).deletedCount, 2, 'deleteMany');
});
check('findOneAndUpdate with sort (claim one)', true, async () => {
  eq(
    (
      await Order.findOneAndUpdate(
        { status: 'NEW' },
        { $set: { status: 'CLAIMED' } },
        { sort: { orderId: -1 }, new: true },
      ).lean()
    ).orderId,
    'o2',
    'claimed',
  );
});
check('bulkWrite (insertOne/updateOne/deleteOne)', true, async () => {
  const r = await Order.bulkWrite([
    { insertOne: { document: { orderId: 'b1' } } },
    { updateOne: { filter: { orderId: 'b1' }, update: { $set: { amount: 1 } } } },
    { deleteOne: { filter: { orderId: 'b1' } } },
  ]);
  eq([r.insertedCount, r.modifiedCount, r.deletedCount], [1, 1, 1], 'counts');
});
check('optimisticConcurrency: stale doc.save() -> VersionError', true, async () => {
  const a = await Order.findOne({ orderId: 'o3' });
  const b = await Order.findOne({ orderId: 'o3' });
  a.amount = 31;
  await a.save();
  b.amount = 32;
  try {
    await b.save();
  } catch (e) {
    eq(e.name, 'VersionError', 'err');
    return;
  }
  throw new Error('no VersionError');
});
check('concurrent updates, ONE client with maxPoolSize:1 (20x claim, 50x $inc)', true, async () => {
  const c = await mongoose.createConnection(uri, { dbName, maxPoolSize: 1 }).asPromise();
  try {
    await raceOn(c.db.collection('orders'));
  } finally {
    await c.close();
  }
});
check('concurrent updates, pool of 20 connections (atomic per document)', true, async () => {
  const c = await mongoose.createConnection(uri, { dbName, maxPoolSize: 20 }).asPromise();
  try {
    await raceOn(c.db.collection('orders'));
  } finally {
    await c.close();
  }
});
async function raceOn(col) {
  const claims = await Promise.all(
    Array.from({ length: 20 }, () =>
      col.updateOne({ orderId: 'o2', status: 'NEW' }, { $set: { status: 'CLAIMED' } }),
    ),
  );
  const won = claims.reduce((a, r) => a + r.modifiedCount, 0);
  await Promise.all(
    Array.from({ length: 50 }, () => col.updateOne({ orderId: 'o1' }, { $inc: { amount: 1 } })),
  );
  const amount = (await col.findOne({ orderId: 'o1' })).amount;
  eq([won, amount], [1, 60], 'winners of conditional claim, amount after 50 $inc (lost updates on FerretDB)');
}

// ---------------------------------------------------------------- queries
check("filter {'outbox.0': {$exists: true}} (non-empty array)", true, async () => {
  eq(await ids({ 'outbox.0': { $exists: true } }), ['o1', 'o3'], 'docs');
});
check("filter into array of subdocs {'outbox.id': 'e2'} / {'outbox.id': {$in}}", true, async () => {
  eq(await ids({ 'outbox.id': 'e2' }), ['o1'], 'eq');
  eq(await ids({ 'outbox.id': { $in: ['e3', 'e4'] } }), ['o1', 'o3'], '$in');
});
check('filter {outbox: {$size: n}}', true, async () => {
  eq(await ids({ outbox: { $size: 1 } }), ['o3'], 'size 1');
  eq(await ids({ outbox: { $size: 0 } }), ['o2'], 'size 0');
});
check('filter {outbox: {$ne: []}} (also matches docs WITHOUT the field, as MongoDB)', true, async () => {
  eq(await ids({ outbox: { $ne: [] } }), ['o1', 'o3', 'o4'], '$ne');
  eq(await ids({ outbox: { $ne: [], $exists: true } }), ['o1', 'o3'], '$ne+$exists');
  eq(await ids({ outbox: [] }), ['o2'], 'eq []');
});
check('filter $elemMatch on array of scalars', true, async () => {
  eq(await ids({ tags: { $elemMatch: { $eq: 'a' } } }), ['o1'], 'docs');
});
check('filter $elemMatch on array of subdocuments', true, async () => {
  eq(
    await ids({ outbox: { $elemMatch: { id: 'e2' } } }),
    ['o1'],
    'one field (silently no match on FerretDB)',
  );
  eq(await ids({ outbox: { $elemMatch: { id: 'e2', topic: 't1' } } }), ['o1'], 'two fields');
});
check('filter $in/$nin/$or/$and/$not/$regex(+i)/$type/$all/$mod/$exists/null', true, async () => {
  eq(await ids({ status: { $in: ['PAID'] } }), ['o3', 'o4'], '$in');
  eq(await ids({ status: { $nin: ['PAID'] } }), ['o1', 'o2'], '$nin');
  eq(await ids({ $or: [{ amount: { $gte: 40 } }, { orderId: 'o1' }] }), ['o1', 'o4'], '$or');
  eq(await ids({ $and: [{ amount: { $gt: 10 } }, { amount: { $lt: 40 } }] }), ['o2', 'o3'], '$and');
  eq(await ids({ amount: { $not: { $gt: 20 } } }), ['o1', 'o2'], '$not');
  eq(await ids({ orderId: { $regex: '^O[12]$', $options: 'i' } }), ['o1', 'o2'], '$regex');
  eq(await ids({ outbox: { $type: 'array' } }), ['o1', 'o2', 'o3'], '$type');
  eq(await ids({ tags: { $all: ['a', 'b'] } }), ['o1'], '$all');
  eq(await ids({ amount: { $mod: [20, 0] } }), ['o2', 'o4'], '$mod');
  eq(await ids({ tags: { $exists: false } }), ['o4'], '$exists false');
  eq(await ids({ meta: null }), ['o1', 'o2', 'o3', 'o4'], 'null matches missing');
});
check('filter on Date range, subdocument equality, nested $exists', true, async () => {
  eq(await ids({ createdAt: { $gte: new Date('2024-01-01'), $lt: new Date('2024-01-03') } }), ['o1'], 'date');
  await raw.updateOne({ orderId: 'o2' }, { $set: { m: { a: 1, b: 2 } } });
  eq(await ids({ m: { a: 1, b: 2 } }), ['o2'], 'subdoc eq');
  eq(await ids({ 'm.a': { $exists: true } }), ['o2'], 'nested exists');
});
check('$expr in find', true, async () => {
  eq(await ids({ $expr: { $gt: ['$amount', 25] } }), ['o3', 'o4'], '$expr');
});
check('sort + skip + limit, multi-key sort, projection incl/excl', true, async () => {
  eq(
    await Order.find({}, { orderId: 1, _id: 0 }).sort({ amount: -1 }).skip(1).limit(2).lean(),
    [{ orderId: 'o3' }, { orderId: 'o2' }],
    'page',
  );
  eq(await ids({}, { status: -1, amount: -1 }), ['o4', 'o3', 'o2', 'o1'], 'multi-key');
  const d = await raw.findOne({ orderId: 'o1' }, { projection: { outbox: 0, _id: 0, createdAt: 0 } });
  eq(Object.keys(d), ['orderId', 'status', 'amount', 'tags', '__v'], 'exclusion');
});
check('projection operators ($slice, $elemMatch)', true, async () => {
  await raw.findOne({ orderId: 'o1' }, { projection: { outbox: { $slice: 1 } } });
});
check('countDocuments / estimatedDocumentCount / distinct', true, async () => {
  eq(await Order.countDocuments({ amount: { $gt: 10 } }), 3, 'count');
  eq(await Order.estimatedDocumentCount(), 4, 'estimated');
  eq((await Order.distinct('status')).sort(), ['NEW', 'PAID'], 'distinct');
});
check('cursor batches / getMore (500 docs, batchSize 50)', true, async () => {
  const c = db.collection('many');
  await c.insertMany(Array.from({ length: 500 }, (_, i) => ({ i })));
  let n = 0;
  for await (const _ of c.find().batchSize(50)) n++;
  eq(n, 500, 'n');
});

// ---------------------------------------------------------------- aggregation
check('aggregate $match + $group with ONE accumulator ($sum or $count), $sort', false, async () => {
  eq(
    await Order.aggregate([
      { $match: { amount: { $gt: 0 } } },
      { $group: { _id: '$status', total: { $sum: '$amount' } } },
      { $sort: { _id: 1 } },
    ]),
    [
      { _id: 'NEW', total: 30 },
      { _id: 'PAID', total: 70 },
    ],
    '$sum path',
  );
  eq(
    await Order.aggregate([{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]),
    [
      { _id: 'NEW', n: 2 },
      { _id: 'PAID', n: 2 },
    ],
    '$sum 1',
  );
  eq(
    await Order.aggregate([{ $group: { _id: '$status', c: { $count: {} } } }, { $sort: { _id: 1 } }]),
    [
      { _id: 'NEW', c: 2 },
      { _id: 'PAID', c: 2 },
    ],
    '$count',
  );
  const r2 = await Order.aggregate([
    { $group: { _id: { s: '$status' }, n: { $sum: 1 } } },
    { $sort: { '_id.s': 1 } },
  ]);
  eq(r2.length, 2, 'group by object');
});
check('aggregate $group with SEVERAL accumulators', true, async () => {
  eq(
    await Order.aggregate([
      { $group: { _id: '$status', n: { $sum: 1 }, total: { $sum: '$amount' } } },
      { $sort: { _id: 1 } },
    ]),
    [
      { _id: 'NEW', n: 2, total: 30 },
      { _id: 'PAID', n: 2, total: 70 },
    ],
    'groups (FerretDB: only the first accumulator is computed, the others are silently 0)',
  );
});
check(
  'aggregate $unwind / $count / $skip / $limit / $project(inclusion) / $addFields(literal) / $unset',
  true,
  async () => {
    eq(await Order.aggregate([{ $unwind: '$tags' }, { $count: 'n' }]), [{ n: 3 }], '$unwind+$count');
    eq(
      await Order.aggregate([
        { $sort: { orderId: 1 } },
        { $skip: 1 },
        { $limit: 1 },
        { $addFields: { k: 1 } },
        { $project: { orderId: 1, k: 1, _id: 0 } },
      ]),
      [{ orderId: 'o2', k: 1 }],
      'page',
    );
    eq(
      Object.keys(
        (await Order.aggregate([{ $match: { orderId: 'o4' } }, { $unset: ['_id', '__v', 'status'] }]))[0],
      ),
      ['orderId', 'amount'],
      '$unset',
    );
  },
);
check('aggregate $group accumulators $avg/$min/$max/$first/$last/$push/$addToSet', true, async () => {
  for (const acc of ['$avg', '$min', '$max', '$first', '$last', '$push', '$addToSet'])
    await Order.aggregate([{ $group: { _id: null, x: { [acc]: '$amount' } } }]);
});
check("aggregate field paths in $project/$addFields ({x: '$amount'})", true, async () => {
  eq(
    (await Order.aggregate([{ $match: { orderId: 'o1' } }, { $project: { x: '$amount' } }]))[0].x,
    10,
    "x (FerretDB returns the literal string '$amount')",
  );
});
check('aggregate expression operators ($size, $multiply, $year, $cond, ...)', false, async () => {
  await Order.aggregate([{ $project: { n: { $size: '$outbox' } } }]);
});
check('aggregate $lookup / $facet / $sortByCount / $bucket', true, async () => {
  await Order.aggregate([
    { $lookup: { from: 'x', localField: 'orderId', foreignField: 'orderId', as: 'c' } },
  ]);
});

// ---------------------------------------------------------------- types
check('Date round-trip (ms precision) + mongoose timestamps', true, async () => {
  const when = new Date('2030-05-06T07:08:09.123Z');
  await Order.create({ orderId: 'd1', createdAt: when });
  const d = await Order.findOne({ orderId: 'd1' }).lean();
  eq(d.createdAt.toISOString(), when.toISOString(), 'createdAt');
  assert(d.updatedAt instanceof Date, 'updatedAt');
});
check('ObjectId / Long (int64) / Binary / nested docs / Mixed round-trip', true, async () => {
  const c = db.collection('types');
  const id = new ObjectId();
  await c.insertOne({
    _id: id,
    ref: new ObjectId(id.toHexString()),
    l: Long.fromString('9007199254740993'),
    bin: new Binary(Buffer.from('hi')),
    n: { m: { k: [1, { z: true }] } },
    b: true,
    dbl: 1.5,
  });
  const d = await c.findOne({ _id: id }, { promoteLongs: false });
  eq(
    [d.ref.equals(id), d.l.toString(), Buffer.from(d.bin.buffer).toString(), d.n.m.k[1].z, d.b, d.dbl],
    [true, '9007199254740993', 'hi', true, true, 1.5],
    'types',
  );
});
check('Decimal128 values', true, async () => {
  await db.collection('dec').insertOne({ d: Decimal128.fromString('1.10') });
});
check('nested arrays ([[1,2],[3]])', true, async () => {
  await db.collection('nested').insertOne({ a: [[1, 2], [3]] });
});
check("field names containing '.' or starting with '$'", true, async () => {
  await db.collection('keys').insertOne({ 'a.b': 1 });
});
check('large document (10 MiB string)', true, async () => {
  await db.collection('big').insertOne({ s: 'x'.repeat(10 * 1024 * 1024) });
});

// ---------------------------------------------------------------- indexes & misc
check('partial index (partialFilterExpression)', true, async () => {
  await db
    .collection('partial')
    .createIndex({ a: 1 }, { unique: true, partialFilterExpression: { a: { $exists: true } } });
});
check('TTL index (expireAfterSeconds)', true, async () => {
  await db.collection('ttl').createIndex({ at: 1 }, { expireAfterSeconds: 60 });
});
check('text index / $text', false, async () => {
  await db.collection('txt').createIndex({ s: 'text' });
  await db.collection('txt').insertOne({ s: 'hello' });
  eq(await db.collection('txt').countDocuments({ $text: { $search: 'hello' } }), 1, 'text');
});
check('collation', true, async () => {
  await db.collection('coll').find({ a: 'x' }).collation({ locale: 'en', strength: 2 }).toArray();
});
check('multi-document transaction (session.withTransaction)', false, async () => {
  const s = await conn.startSession();
  try {
    await s.withTransaction(async () => {
      await Order.create([{ orderId: 'tx1' }], { session: s });
    });
  } finally {
    await s.endSession().catch(() => {});
  }
  assert(await Order.exists({ orderId: 'tx1' }), 'tx doc missing');
});
check('change streams (watch)', false, async () => {
  const cs = Order.collection.watch();
  try {
    await Promise.race([
      cs.tryNext(),
      new Promise((_, r) => setTimeout(() => r(new Error('timeout')), 3000)),
    ]);
  } finally {
    await cs.close().catch(() => {});
  }
});
check('capped collection create, renameCollection, listCollections, drop', false, async () => {
  await db.createCollection('capped', { capped: true, size: 100000 });
  await db.collection('many').rename('many2');
  const names = (await db.listCollections().toArray()).map((c) => c.name);
  assert(names.includes('orders') && names.includes('many2'), 'names: ' + names);
  await db.collection('many2').drop();
});
check('listDatabases', true, async () => {
  assert(
    (await db.admin().listDatabases()).databases.some((d) => d.name === dbName),
    'db missing',
  );
});
check('dropDatabase', true, async () => {
  await conn.dropDatabase();
  assert(!(await db.admin().listDatabases()).databases.some((d) => d.name === dbName), 'db still listed');
});

(async () => {
  const t0 = Date.now();
  conn = await mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 5000 }).asPromise();
  db = conn.db;
  Order = conn.model('Order', orderSchema);
  raw = db.collection('orders');
  let mismatches = 0;
  for (const { name, expect, fn } of checks) {
    let ok = true,
      err;
    try {
      await seed();
      await fn();
    } catch (e) {
      ok = false;
      err = e;
    }
    const mismatch = expect !== 'info' && ok !== expect;
    if (mismatch) mismatches++;
    const why =
      !ok && (verbose || mismatch || expect === 'info')
        ? `  [${err.code !== undefined ? `code ${err.code}: ` : ''}${String(err.message).split('\n')[0].slice(0, 220)}]`
        : '';
    console.log(
      `${ok ? 'OK         ' : 'UNSUPPORTED'} ${name}${why}${mismatch ? `   <-- differs from README (expected ${expect ? 'OK' : 'UNSUPPORTED'})` : ''}`,
    );
  }
  await conn.dropDatabase().catch(() => {});
  await conn.close();
  console.log(
    `mongo smoke: ${mismatches === 0 ? 'OK' : `FAILED (${mismatches} differ from README)`} (${checks.length} checks, ${Date.now() - t0} ms)`,
  );
  process.exit(mismatches === 0 ? 0 : 1);
})().catch((e) => {
  console.error('mongo smoke: FAILED:', e && (e.stack || e));
  process.exit(1);
});

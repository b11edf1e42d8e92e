// What the port, the importer and the officer do for one shipment, over the public HTTP APIs: the port
// announces the vessel call, files the manifest and discharges; the importer declares and settles each
// payment; the officer claims and passes each inspection task. `run` follows the events that trigger
// the importer's and the officer's steps.
const { randomUUID } = require('node:crypto');
const { setTimeout: sleep } = require('node:timers/promises');
const { TRADERS, declaration, manifestLine } = require('./shipments');
const { within } = require('./wait');

/** How long a trader waits for its feed to show the manifest line before declaring anyway. */
const MANIFEST_WAIT_MS = 30_000;
/** Back-off of a lodgement refused BL_NOT_MANIFESTED: 100 ms doubling to 1 s, for up to 60 s. */
const EARLY_RETRY = { firstMs: 100, maxMs: 1_000, giveUpMs: 60_000 };
const PORT = ['port-exchange', 'port', 'BENCH-TERMINAL'];
const OFFICER = ['inspection', 'inspection', 'BENCH-OFFICER'];

const isEarly = (answer) => answer.status === 422 && String(answer.body).includes('BL_NOT_MANIFESTED');

/** One shipment: arrival at the port, then the declaration; the rest reacts to events. */
async function ship(run, index, measured) {
  const { http } = run;
  const kind = run.kinds[index % run.kinds.length];
  const bl = `BN${run.platform.runId.toUpperCase()}${measured ? 'M' : 'W'}${String(index).padStart(6, '0')}`;
  const trader = `BENCH-TRADER-${index % TRADERS}`;
  const shipment = run.track({ bl, kind, trader, measured });
  const voyage = `V${index % 1000}`;
  const call = await http.call(...PORT, 'POST', '/v1/vessel-calls', {
    vesselName: 'BENCH CARRIER',
    voyage,
    eta: new Date().toISOString(),
  });
  if (!call.ok) return run.fail(shipment, `vessel call ${call.status}`);
  const callId = call.body.id ?? call.body._id;
  const serial = (((measured ? 0 : 400_000) + index) * 2) % 999_998;
  const line = manifestLine(bl, trader, serial);
  shipment.manifestSentAt = run.ctx.now();
  const fileManifest = (billOfLading) =>
    http.call(...PORT, 'POST', `/v1/vessel-calls/${callId}/manifest`, { billsOfLading: [billOfLading] });
  let manifest = await fileManifest(line);
  if (!manifest.ok && String(manifest.body).includes('consigneePartyId')) {
    // a checkout from before manifests named the consignee party
    const older = { ...line };
    delete older.consigneePartyId;
    manifest = await fileManifest(older);
  }
  if (!manifest.ok) return run.fail(shipment, `manifest ${manifest.status}`);
  const discharge = await http.call(...PORT, 'POST', `/v1/vessel-calls/${callId}/discharges`, {
    blNumber: bl,
  });
  if (!discharge.ok) return run.fail(shipment, `discharge ${discharge.status}`);
  const lodged = await lodgeOnceManifested(
    run,
    shipment,
    declaration(bl, kind, voyage, line.containerNumbers),
  );
  shipment.lodgeMs = lodged.ms;
  if (!lodged.ok) return run.fail(shipment, `lodge ${lodged.status} ${String(lodged.body).slice(0, 200)}`);
  shipment.lodged = true;
  return shipment;
}

/**
 * The importer declares once its feed shows the B/L manifested (the bench's consumer sees the port's
 * BillOfLadingManifested). The declaration service learns of it from the same event on its own
 * consumer, maybe later: a lodgement it refuses with BL_NOT_MANIFESTED is an early refusal, counted
 * (not an HTTP error) and filed again with back-off. Latencies count from the first lodge request.
 */
async function lodgeOnceManifested(run, shipment, body) {
  if (run.platform.announcesManifests && !(await within(shipment.manifested, MANIFEST_WAIT_MS))) {
    shipment.problems.push(`no BillOfLadingManifested within ${MANIFEST_WAIT_MS / 1000} s`);
  }
  shipment.lodgedAt = run.ctx.now();
  const giveUpAt = shipment.lodgedAt + EARLY_RETRY.giveUpMs;
  const route = '/v1/declarations';
  for (let wait = EARLY_RETRY.firstMs; ; wait = Math.min(EARLY_RETRY.maxMs, wait * 2)) {
    const lodged = await run.http.call('declaration', 'importer', shipment.trader, 'POST', route, body, {
      expected: isEarly,
    });
    if (!isEarly(lodged)) return lodged;
    if (run.ctx.now() + wait > giveUpAt) {
      run.http.recordError('POST', 'declaration', route, lodged.status, lodged.body);
      return lodged;
    }
    run.earlyRefusals++;
    shipment.earlyRefusals++;
    await sleep(wait);
  }
}

/** The officer claims the task RiskAssessed named and records it passed. */
async function decide(run, shipment, taskId) {
  // RiskAssessed is relayed before inspection has opened the task it names: a 404 is asked again
  // (for up to 10 s); only a 404 that stays counts as an HTTP error
  const route = `/v1/inspection-tasks/${taskId}/claim`;
  const notYet = (attempt) => ({ expected: (answer) => answer.status === 404 && attempt < 40 });
  let claim = await run.http.call(...OFFICER, 'POST', route, undefined, notYet(0));
  for (let attempt = 1; claim.status === 404 && attempt <= 40; attempt++) {
    if (attempt === 1) run.taskNotYetOpen++;
    await sleep(250);
    claim = await run.http.call(...OFFICER, 'POST', route, undefined, notYet(attempt));
  }
  if (!claim.ok) shipment.problems.push(`claim ${claim.status}`);
  const result = await run.http.call(...OFFICER, 'POST', `/v1/inspection-tasks/${taskId}/result`, {
    result: 'passed',
  });
  if (!result.ok) shipment.problems.push(`result ${result.status}`);
}

/** The importer settles the payment PaymentRequested named. */
async function settle(run, shipment, paymentId, importerId) {
  const answer = await run.http.call(
    'logistics-trading',
    'importer',
    importerId ?? shipment.trader,
    'POST',
    `/v1/payments/${paymentId}/settlements`,
    { idempotencyKey: randomUUID() },
  );
  if (!answer.ok) shipment.problems.push(`settle ${answer.status}`);
}

module.exports = { ship, decide, settle };

import type { EventObserver } from '../platform/event-observer';
import type { Incidents } from '../platform/incidents';
import { describeAnswer, type ApiAnswer, type PlatformApi } from '../platform/platform-api';
import type { Sleeper } from '../platform/sleeper';
import type { Scenario } from '../scenario/scenario';
import { declarationBody } from '../traffic/declaration-body';
import { hoursToMs, type ShipmentBehaviour, type ShipmentPlan } from '../traffic/traffic-plan';
import type { ApprovalDesks } from './approval-desks';
import type { Inspectors } from './inspectors';
import type { Outcomes } from './outcomes';
import type { ExportYard } from './export-yard';
import type { Transport } from './transport';

/** The trader a shipment's actor acts as: the importer, or the exporter of an export. */
export type Trader = { role: 'importer' | 'exporter'; party: string };

export interface ShipmentContext {
  scenario: Scenario;
  api: PlatformApi;
  observer: EventObserver;
  sleeper: Sleeper;
  inspectors: Inspectors;
  approvals: ApprovalDesks;
  transport: Transport;
  /** The export containers at the terminal, waiting for a vessel to load them. */
  yard: ExportYard;
  incidents: Incidents;
  outcomes: Outcomes;
  /** Business time (ms) the run's hour 0 stands for. */
  startMs: number;
}

/**
 * One importer's shipment from filing to the truck: lodge (correct and lodge again after a 422),
 * answer document requests, pay (at once, or only after inspection in the old sequential way), then
 * transport. The officers and the port act on their own; the importer reacts to what it is told.
 */
export async function driveShipment(
  ctx: ShipmentContext,
  plan: ShipmentPlan,
  behaviour: ShipmentBehaviour,
  vessel: { vesselName: string; voyage: string },
): Promise<void> {
  const { api, observer, sleeper, incidents, outcomes } = ctx;
  const importer = { role: 'importer' as const, party: behaviour.importerId };
  await sleeper.untilBusiness(ctx.startMs + hoursToMs(behaviour.firstFilingHour));
  if (!(await manifestKnown(ctx, plan, behaviour.importerId))) {
    incidents.record(
      'no filing right',
      `${plan.blNumber}: customs never had a manifest naming ${behaviour.importerId}`,
    );
    return;
  }

  let lodged = await api.call('declaration', importer, 'POST', '/v1/declarations', {
    ...declarationBody(plan, behaviour, vessel.vesselName, vessel.voyage, behaviour.deficient),
  });
  if (behaviour.deficient && lodged.status === 422) {
    outcomes.add(`filing refused with ${lodged.body?.errors?.length ?? '?'} deficiencies listed at once`);
    await sleeper.forBusinessHours(plan.fixDelayHours);
    lodged = await api.call('declaration', importer, 'POST', '/v1/declarations', {
      ...declarationBody(plan, behaviour, vessel.vesselName, vessel.voyage, false),
    });
  }
  const declarationId =
    lodged.status === 201 ? (lodged.body.id as string) : await filedAlready(ctx, plan, importer, lodged);
  if (!declarationId) {
    incidents.record('declaration refused', `${plan.blNumber} ${describeAnswer(lodged)}`);
    return;
  }
  outcomes.add(behaviour.filedBeforeArrival ? 'lodged before arrival' : 'lodged after arrival');
  if (behaviour.controlledGoods) outcomes.add('controlled goods lodged');
  void ctx.approvals.handle(plan);

  const risk = (await observer.waitFor(plan.blNumber, 'RiskAssessed')).payload;
  outcomes.add(`channel ${risk.channel}`);
  if (risk.channel !== 'GREEN' && risk.taskId) {
    if (behaviour.officerNeverDecides) outcomes.add('task left to its time limit by the officers');
    else {
      ctx.inspectors.submit({
        taskId: risk.taskId,
        shipmentId: plan.blNumber,
        greenChannel: behaviour.greenGround !== null,
        hours: risk.channel === 'RED' ? plan.physicalCheckHours : plan.documentCheckHours,
        recheckHours: plan.recheckHours,
        requestsDocuments: behaviour.officerRequestsDocuments,
        setAsideHours: behaviour.officerSetsAsideHours,
      });
    }
    void answerDocumentRequests(ctx, plan, importer, declarationId);
  }

  const payment = (await observer.waitFor(plan.blNumber, 'PaymentRequested')).payload;
  if (ctx.scenario.payment.afterInspection && risk.channel !== 'GREEN') {
    await observer.waitFor(plan.blNumber, 'InspectionCompleted', 'InspectionDeemedApproved');
  }
  await sleeper.forBusinessHours(plan.paymentDelayHours);
  const settled = await api.call(
    'logistics',
    importer,
    'POST',
    `/v1/payments/${payment.paymentId}/settlements`,
    {
      idempotencyKey: `sim-${plan.blNumber}`,
    },
  );
  if (settled.status >= 300) {
    incidents.record('payment settlement refused', `${plan.blNumber} ${describeAnswer(settled)}`);
    return;
  }

  const decision = await observer.waitFor(plan.blNumber, 'ShipmentReleased', 'ReleaseRefused');
  if (decision.name === 'ReleaseRefused') {
    outcomes.add('release refused');
    return;
  }
  outcomes.add('released');
  await ctx.transport.collect(plan, behaviour.importerId);
}

/**
 * A declaration is taken only once the carrier's manifest names the importer (advance manifest rule):
 * the importer waits for the manifest on the port's feed, then until customs have it too (the same
 * event, consumed by the declaration service), asking as a real importer would.
 */
async function manifestKnown(ctx: ShipmentContext, plan: ShipmentPlan, importerId: string): Promise<boolean> {
  const importer = { role: 'importer' as const, party: importerId };
  await ctx.observer.waitFor(plan.blNumber, 'BillOfLadingManifested');
  for (let attempt = 0; attempt < 60; attempt++) {
    const right = await ctx.api.call('declaration', importer, 'GET', `/v1/filing-rights/${plan.blNumber}`);
    if (right.status === 200 && right.body?.mayDeclare === true) return true;
    await ctx.sleeper.real(500);
  }
  return false;
}

/** A filing asked again after no answer may have been lodged the first time: the trader looks it up. */
export async function filedAlready(
  ctx: ShipmentContext,
  plan: ShipmentPlan,
  importer: Trader,
  answer: ApiAnswer,
): Promise<string | undefined> {
  // 409 DECLARATION.DUPLICATE_BL: the first try was lodged (only its B/L is in the way)
  if (answer.status !== 409 || answer.body?.code !== 'DECLARATION.DUPLICATE_BL') return undefined;
  const found = await ctx.api.call(
    'declaration',
    importer,
    'GET',
    `/v1/declarations?shipmentId=${plan.blNumber}`,
  );
  return found.body?.items?.[0]?.id as string | undefined;
}

/** The trader answers each documents request after the drawn time, all items of the notice at once. */
export async function answerDocumentRequests(
  ctx: ShipmentContext,
  plan: ShipmentPlan,
  importer: Trader,
  declarationId: string,
) {
  try {
    await ctx.observer.waitFor(plan.blNumber, 'DocumentsRequested');
    await ctx.sleeper.forBusinessHours(plan.documentsAnswerHours);
    // the declaration service hears of the request by event too: its notice may lag the event we saw
    const route = `/v1/declarations/${declarationId}/notice`;
    let notice = await ctx.api.call('declaration', importer, 'GET', route);
    for (let attempt = 0; attempt < 10 && notice.status === 404; attempt++) {
      await ctx.sleeper.real(2_000);
      notice = await ctx.api.call('declaration', importer, 'GET', route);
    }
    const items = (notice.body?.items ?? []) as { itemId: string; answered?: boolean }[];
    if (notice.status !== 200 || items.length === 0) {
      ctx.incidents.record('documents notice unreadable', `${plan.blNumber} ${describeAnswer(notice)}`);
      return;
    }
    const answered = await ctx.api.call(
      'declaration',
      importer,
      'POST',
      `/v1/declarations/${declarationId}/notice/responses`,
      {
        documents: items.map((item, i) => ({
          itemId: item.itemId,
          documentRef: `DOC-${plan.blNumber}-${i + 1}`,
        })),
      },
    );
    if (answered.status === 200) ctx.outcomes.add('documents answered in one resubmission');
    else ctx.incidents.record('documents answer refused', `${plan.blNumber} ${describeAnswer(answered)}`);
  } catch {
    // the run stopped while the importer waited
  }
}

import { containerNumber } from '../traffic/shipment-identifiers';
import { exportDeclarationBody } from '../traffic/export-declaration-body';
import { hoursToMs, type ExportBehaviour, type ExportPlan } from '../traffic/traffic-plan';
import { StoppedError } from '../platform/event-observer';
import { describeAnswer, type ApiAnswer } from '../platform/platform-api';
import { answerDocumentRequests, filedAlready, type ShipmentContext, type Trader } from './importer';

const TERMINAL = { role: 'port' as const, party: 'SIM-TERMINAL' };

/**
 * One exporter's shipment up to the release for loading: lodge the export declaration before the goods
 * come (correct and lodge again after a 422), answer document requests, pay export duty when asked,
 * bring the container through the export gate, wait for customs to release it for loading. The
 * officers and agencies act as for imports; the vessel's loading and departure are the carrier's.
 */
export async function driveExport(
  ctx: ShipmentContext,
  plan: ExportPlan,
  behaviour: ExportBehaviour,
  vessel: { index: number; vesselName: string; voyage: string },
): Promise<void> {
  const { api, observer, sleeper, incidents, outcomes } = ctx;
  const exporter: Trader = { role: 'exporter', party: behaviour.importerId };
  await sleeper.untilBusiness(ctx.startMs + hoursToMs(behaviour.firstFilingHour));
  const body = (deficient: boolean) =>
    exportDeclarationBody(plan, behaviour, vessel.vesselName, vessel.voyage, deficient);
  let lodged = await api.call('declaration', exporter, 'POST', '/v1/declarations', body(behaviour.deficient));
  if (behaviour.deficient && lodged.status === 422) {
    outcomes.add(
      `export filing refused with ${lodged.body?.errors?.length ?? '?'} deficiencies listed at once`,
    );
    await sleeper.forBusinessHours(plan.fixDelayHours);
    lodged = await api.call('declaration', exporter, 'POST', '/v1/declarations', body(false));
  }
  const declarationId =
    lodged.status === 201 ? (lodged.body.id as string) : await filedAlready(ctx, plan, exporter, lodged);
  if (!declarationId) {
    incidents.record('export declaration refused', `${plan.blNumber} ${describeAnswer(lodged)}`);
    return;
  }
  outcomes.add('export lodged before the goods came');
  void ctx.approvals.handle(plan);

  const risk = (await observer.waitFor(plan.blNumber, 'RiskAssessed')).payload;
  outcomes.add(`export channel ${risk.channel}`);
  if (risk.channel !== 'GREEN' && risk.taskId) {
    if (behaviour.officerNeverDecides) outcomes.add('export task left to its time limit by the officers');
    else {
      ctx.inspectors.submit({
        taskId: risk.taskId,
        shipmentId: plan.blNumber,
        greenChannel: false,
        hours: risk.channel === 'RED' ? plan.physicalCheckHours : plan.documentCheckHours,
        recheckHours: plan.recheckHours,
        requestsDocuments: behaviour.officerRequestsDocuments,
        setAsideHours: behaviour.officerSetsAsideHours,
      });
    }
    void answerDocumentRequests(ctx, plan, exporter, declarationId);
  }
  // export duty only where the tariff has it: the payment request may never come
  void payExportDuty(ctx, plan, exporter, risk.channel as string);

  await sleeper.untilBusiness(ctx.startMs + hoursToMs(behaviour.gateInHour));
  const container = containerNumber(plan.blNumber);
  const gateIn = await retryWhileConflict(ctx, () =>
    api.call('port', TERMINAL, 'POST', '/v1/export-gate-ins', {
      blNumber: plan.blNumber,
      containerNumbers: [container],
      truckPlate: `YUE-B${plan.blNumber.slice(-5)}`,
    }),
  );
  if (gateIn.status !== 201) {
    incidents.record('export gate-in refused', `${plan.blNumber} ${describeAnswer(gateIn)}`);
    return;
  }
  outcomes.add('export gated in');
  ctx.yard.gatedIn({ blNumber: plan.blNumber, containerNumber: container, bookedOnCall: vessel.index });
  await observer.waitFor(plan.blNumber, 'ReleasedForLoading');
  outcomes.add('released for loading');
}

async function payExportDuty(ctx: ShipmentContext, plan: ExportPlan, exporter: Trader, channel: string) {
  try {
    const payment = (await ctx.observer.waitFor(plan.blNumber, 'PaymentRequested')).payload;
    if (ctx.scenario.payment.afterInspection && channel !== 'GREEN') {
      await ctx.observer.waitFor(plan.blNumber, 'InspectionCompleted', 'InspectionDeemedApproved');
    }
    await ctx.sleeper.forBusinessHours(plan.paymentDelayHours);
    const settled = await ctx.api.call(
      'logistics',
      exporter,
      'POST',
      `/v1/payments/${payment.paymentId}/settlements`,
      { idempotencyKey: `sim-${plan.blNumber}` },
    );
    if (settled.status < 300) ctx.outcomes.add('export duty paid');
    else
      ctx.incidents.record('export duty settlement refused', `${plan.blNumber} ${describeAnswer(settled)}`);
  } catch (error) {
    if (!(error instanceof StoppedError)) throw error;
  }
}

/**
 * The terminal hears of the accepted declaration by event: a 409 at the gate right after acceptance
 * usually means it has not yet. Try again, half a real second apart, before giving up.
 */
async function retryWhileConflict(ctx: ShipmentContext, call: () => Promise<ApiAnswer>): Promise<ApiAnswer> {
  let answer = await call();
  for (let attempt = 0; attempt < 30 && answer.status === 409; attempt++) {
    await ctx.sleeper.real(500);
    answer = await call();
  }
  return answer;
}

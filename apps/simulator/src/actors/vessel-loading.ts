import { describeAnswer } from '../platform/platform-api';
import { hoursToMs, type VesselCallPlan } from '../traffic/traffic-plan';
import type { ShipmentContext } from './importer';

/** The vessel calls are the terminal's records (a carrier reads only calls of its own): it files for the carrier. */
const TERMINAL = { role: 'port' as const, party: 'SIM-TERMINAL' };

/**
 * The vessel's export side: loadingBeforeDepartureHours before it leaves, the carrier's loading list
 * is filed with the containers in the yard that customs released for loading (those not released are shut
 * out and wait for the next call); at departure the terminal confirms it, and their goods have exited.
 * The platform checks every line: a container it finds loaded without release is an incident.
 */
export async function loadAndDepart(
  ctx: ShipmentContext,
  call: VesselCallPlan,
  callId: string,
): Promise<void> {
  const { api, sleeper, observer, outcomes, incidents } = ctx;
  const departureMs = ctx.startMs + hoursToMs(call.departureHour!);
  const loadingHours = ctx.scenario.exports?.loadingBeforeDepartureHours ?? 0;
  await sleeper.untilBusiness(departureMs - hoursToMs(loadingHours));
  const taken = ctx.yard.loadingFor(
    call.index,
    (bl) => observer.eventsOf(bl, 'ReleasedForLoading').length > 0,
  );
  const shutOut = [...taken.shutOut];
  const load: typeof taken.load = [];
  // the terminal hears of the release by the same event the carrier saw: it may not have it yet
  for (const container of taken.load) {
    if (await terminalHasRelease(ctx, container.blNumber)) load.push(container);
    else {
      ctx.yard.gatedIn(container);
      shutOut.push(container);
    }
  }
  outcomes.add('export shut out at loading (not yet released): rolled to the next vessel', shutOut.length);
  if (load.length === 0) return;
  const list = await api.call('port', TERMINAL, 'POST', `/v1/vessel-calls/${callId}/loading-list`, {
    containers: load.map((c) => ({ containerNumber: c.containerNumber, blNumber: c.blNumber })),
  });
  if (list.status !== 201) {
    incidents.record('loading list refused', `${call.vesselName} ${describeAnswer(list)}`);
    return;
  }
  const lines = (list.body?.lines ?? []) as { outcome?: string; shipmentId?: string; incident?: string }[];
  for (const line of lines) {
    if (line.outcome === 'loaded') outcomes.add('export loaded');
    else
      incidents.record('container loaded without release for loading', `${line.shipmentId} ${line.incident}`);
  }
  await sleeper.untilBusiness(departureMs);
  const departed = await api.call('port', TERMINAL, 'POST', `/v1/vessel-calls/${callId}/departure`, {});
  if (departed.status !== 200) {
    incidents.record('departure refused', `${call.vesselName} ${describeAnswer(departed)}`);
    return;
  }
  const exited = (departed.body?.shipments ?? []) as unknown[];
  outcomes.add('departed (goods exited)', exited.length);
}

/** Whether the terminal's record of the export says released for loading, asked for a few real seconds. */
async function terminalHasRelease(ctx: ShipmentContext, blNumber: string): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const answer = await ctx.api.call('port', TERMINAL, 'GET', `/v1/export-shipments/${blNumber}`);
    if (answer.status === 200 && answer.body?.releasedForLoading === true) return true;
    await ctx.sleeper.real(500);
  }
  return false;
}

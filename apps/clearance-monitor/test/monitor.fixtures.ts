import type { EventName, PayloadInput, RiskChannel } from '@tongguan/contracts';
import type { ApiClient, EventTap } from '@tongguan/testing';
import type { Stamp } from '../src/timelines/timeline';

/**
 * One pipeline event as its producing service would publish it, with its business time; the payload
 * is typed by the event's contract, so a fixture cannot drift from it unnoticed.
 */
export type PipelineEvent = {
  [N in EventName]: { name: N; payload: PayloadInput<N>; time: string; id?: string };
}[EventName];

/**
 * The events that stamp the given TRS stages of one shipment (a GREEN risk decision has no inspection),
 * with payloads that pass the contracts the monitor validates on consume.
 */
export function pipelineEvents(
  shipmentId: string,
  stamps: Partial<Record<Stamp, string | null>>,
  channel: RiskChannel = 'RED',
  greenChannel = false,
): PipelineEvent[] {
  const declarationId = `D-${shipmentId}`;
  const importerId = 'TRADER-MON';
  const byStamp: Record<Stamp, () => PipelineEvent[]> = {
    arrival: () => [
      {
        name: 'CargoArrived',
        time: stamps.arrival!,
        payload: {
          shipmentId,
          vesselCallId: 'VC-MON',
          vesselName: 'MONITOR TRADER',
          voyage: '001E',
          containerNumbers: ['MSCU1234565'],
          packages: 10,
          grossWeightKg: 1200,
        },
      },
    ],
    lodged: () => [
      {
        name: 'DeclarationLodged',
        time: stamps.lodged!,
        payload: { shipmentId, declarationId, importerId, filerId: importerId, greenChannel },
      },
    ],
    accepted: () => [
      {
        name: 'DeclarationAccepted',
        time: stamps.accepted!,
        payload: {
          shipmentId,
          declarationId,
          importerId,
          currency: 'CNY',
          items: [{ hsCode: '847130', originCountry: 'DE', customsValueMinor: 100_000 }],
          greenChannel,
        },
      },
    ],
    riskAssessed: () => [
      {
        name: 'RiskAssessed',
        time: stamps.riskAssessed!,
        payload: {
          shipmentId,
          declarationId,
          assessmentId: `RA-${shipmentId}`,
          channel,
          score: channel === 'GREEN' ? 5 : 80,
          reasons: [],
          taskId: channel === 'GREEN' ? '' : `T-${shipmentId}`,
        },
      },
    ],
    inspected: () => [
      {
        name: 'InspectionCompleted',
        time: stamps.inspected!,
        payload: {
          shipmentId,
          declarationId,
          taskId: `T-${shipmentId}`,
          result: 'passed',
          findings: [],
          officerId: 'OFFICER-1',
        },
      },
    ],
    paid: () => [
      {
        name: 'PaymentSettled',
        time: stamps.paid!,
        payload: {
          shipmentId,
          paymentId: `P-${shipmentId}`,
          importerId,
          declarationId,
          declarationVersion: 1,
          assessedMinor: 10_000,
          dutiesAndTaxesMinor: 10_000,
          currency: 'CNY',
          amountMinor: 13_000,
          method: 'gateway',
          receiptNumber: `R-${shipmentId}`,
        },
      },
    ],
    released: () => [
      {
        name: 'ShipmentReleased',
        time: stamps.released!,
        payload: { shipmentId, declarationId, importerId },
      },
    ],
    gateOut: () => [
      {
        name: 'GateOutRecorded',
        time: stamps.gateOut!,
        payload: {
          shipmentId,
          gateTransactionId: `G-${shipmentId}`,
          containerNumbers: ['MSCU1234565'],
          truckPlate: 'LU-B12345',
        },
      },
    ],
    departed: () => [
      {
        name: 'GoodsDeparted',
        time: stamps.departed!,
        payload: {
          shipmentId,
          vesselCallId: 'VC-MON',
          vesselName: 'MONITOR TRADER',
          voyage: '001W',
          containerNumbers: ['MSCU1234565'],
        },
      },
    ],
  };
  return (Object.keys(byStamp) as Stamp[]).filter((s) => stamps[s]).flatMap((s) => byStamp[s]());
}

export async function publishAll(tap: EventTap, events: PipelineEvent[]): Promise<string[]> {
  const ids: string[] = [];
  for (const event of events) {
    ids.push(
      await tap.publish(event.name, event.payload as PayloadInput<typeof event.name>, {
        time: event.time,
        id: event.id,
      }),
    );
  }
  return ids;
}

/** The sum of the Prometheus samples of a metric that carry every given label (0 when none). */
export async function metric(
  api: ApiClient,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const text = (await api.get('/metrics')).body as string;
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => pairs.every((pair) => line.includes(pair)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

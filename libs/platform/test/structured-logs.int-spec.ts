import { EventTap, eventually, ServiceProcesses, testEnvironment, tokenFor } from '@tongguan/testing';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What a running service writes to stdout with LOG_FORMAT=json: one JSON object a line, the access
 * line of a request carrying its correlation id, trace id and shipment, and never the caller's token;
 * a handler's lines carrying the ids of the event it handles.
 */
const env = testEnvironment('structuredlogs', { LOG_FORMAT: 'json', LOG_LEVEL: 'log' });
const services = new ServiceProcesses(env);
let inspection: string;

beforeAll(async () => {
  await services.start(['inspection']);
  inspection = services.url('inspection');
});

afterAll(async () => {
  await services.stopAll();
});

const logLines = (): string[] =>
  fs
    .readFileSync(
      path.join(
        __dirname,
        '..',
        '..',
        '..',
        '.local',
        'logs',
        `test-inspection-${new URL(inspection).port}.log`,
      ),
      'utf8',
    )
    .split('\n')
    .filter((line) => line !== '');

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

it('logs a request as a JSON line with its correlation id, trace and shipment, and without its token', async () => {
  const token = tokenFor('customs', 'CUSTOMS-LOGS');
  const correlationId = `logs-${Date.now()}`;
  const response = await fetch(`${inspection}/v1/risk-assessments/LOGSBL0001`, {
    headers: {
      authorization: `Bearer ${token}`,
      'x-correlation-id': correlationId,
      traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
    },
  });
  expect(response.status).toBe(404);
  const refused = await fetch(`${inspection}/v1/risk-assessments/LOGSBL0001`, {
    headers: { authorization: `Bearer ${token}x`, 'x-correlation-id': `${correlationId}-bad` },
  });
  expect(refused.status).toBe(401);

  // the access line is written when the response has finished, a moment after the client has it
  let lines: string[] = [];
  for (let i = 0; i < 50 && !lines.some((line) => line.includes(`${correlationId}-bad`)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    lines = logLines();
  }
  const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>); // every line is JSON
  expect(records.find((record) => record.correlationId === correlationId && record.http)).toMatchObject({
    level: 'info',
    service: 'inspection',
    context: 'HTTP',
    traceId: TRACE_ID,
    shipmentId: 'LOGSBL0001',
    http: { method: 'GET', path: '/v1/risk-assessments/LOGSBL0001', status: 404 },
  });
  expect(records.find((record) => record.correlationId === `${correlationId}-bad`)).toMatchObject({
    http: { status: 401 },
  });
  // the boot lines too are JSON with the service's name
  expect(records.find((record) => String(record.message).startsWith('inspection listening'))).toMatchObject({
    level: 'info',
    service: 'inspection',
    context: 'inspection',
  });
  const text = lines.join('\n');
  expect(text).not.toContain(token);
  expect(text).not.toContain(token.split('.')[2]); // not even the signature alone
  expect(text).not.toContain(env.JWT_SECRET);
});

it("writes a Kafka handler's log lines with the ids of the event it handles", async () => {
  const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
  const correlationId = `logs-event-${Date.now()}`;
  // a decision for a declaration this database never assessed: the trader history warns and moves on
  const eventId = await tap.publish(
    'InspectionCompleted',
    {
      shipmentId: 'LOGSBL0002',
      declarationId: 'D-LOGS-UNKNOWN',
      taskId: 'T-LOGS',
      result: 'passed',
      findings: [],
      officerId: 'OFFICER-LOGS',
    },
    { correlationId },
  );
  const line = await eventually(
    () =>
      logLines()
        .map((text) => JSON.parse(text) as Record<string, unknown>)
        .find((record) => record.eventId === eventId),
    30_000,
    'the handler to log under the event id',
  );
  expect(line).toMatchObject({
    level: 'warn',
    service: 'inspection',
    context: 'TraderHistoryService',
    message: expect.stringContaining('D-LOGS-UNKNOWN'),
    correlationId,
    causationId: eventId,
    eventType: 'tongguan.inspection.InspectionCompleted.v1',
    shipmentId: 'LOGSBL0002',
  });
});

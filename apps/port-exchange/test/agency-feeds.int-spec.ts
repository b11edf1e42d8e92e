import { Events } from '@tongguan/contracts';
import { eventually, tokenFor } from '@tongguan/testing';
import { SIGNATURE_HEADER, verifySignature } from '../src/feeds/signing/webhook-signature';
import {
  NO_ANSWER,
  newShipmentId,
  publishRiskAssessed,
  publishSlaAtRisk,
  readServerSentEvents,
} from './agency-feeds.fixtures';
import { feedsTestBed } from './feeds-test-bed';

const MAX_ATTEMPTS = 3;
const { tap, receiver, processes, api, reconnect } = feedsTestBed(
  'agencyfeeds',
  {
    FEED_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    FEED_BACKOFF_JITTER: '0',
    FEED_REQUEST_TIMEOUT_MS: '2000',
    FEED_LEASE_MS: '5000',
  },
  ['inspection.events.v1', 'clearance.alerts.v1'],
);
const customs = () => api().as(tokenFor('customs', 'CUSTOMS-SZ'));
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function subscribe(path: string, eventTypes: string[]) {
  const created = await customs().post('/v1/subscriptions', { url: receiver.url(path), eventTypes });
  expect(created.status).toBe(201);
  return created.body as { id: string; secret: string; eventTypes: string[] };
}

async function deliveries(subscriptionId: string, state?: string) {
  const query = state ? `?state=${state}` : '';
  const answer = await customs().get(`/v1/subscriptions/${subscriptionId}/deliveries${query}`);
  expect(answer.status).toBe(200);
  return answer.body as {
    total: number;
    items: { id: string; state: string; attempts: number; eventId: string }[];
  };
}

describe('agency feeds: subscriptions', () => {
  it('lists every problem of a bad subscription at once, and only lets agencies subscribe', async () => {
    const bad = await customs().post('/v1/subscriptions', {
      url: 'ftp://broker.example.com/hook',
      eventTypes: ['CargoArrived', 'CargoLost', 42],
      description: '',
      colour: 'red',
    });
    expect(bad.status).toBe(422);
    const paths = (bad.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['url', 'eventTypes', 'description', 'colour']));
    const typeProblem = (bad.body.errors as { path: string; message: string }[]).find(
      (e) => e.path === 'eventTypes',
    );
    expect(typeProblem?.message).toContain('eventTypes[1] "CargoLost"');
    expect(typeProblem?.message).toContain('eventTypes[2] 42');

    const body = { url: receiver.url('/nobody'), eventTypes: ['ClearanceSlaAtRisk'] };
    const outOfScope = await api().as(tokenFor('importer', 'TRADER-1')).post('/v1/subscriptions', body);
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.body.code).toBe('FEED.TYPE_NOT_IN_SCOPE');
    expect((await api().post('/v1/subscriptions', body)).status).toBe(401);
  });

  it('documents every feed endpoint in OpenAPI', async () => {
    const { body } = await api().get<{ paths: Record<string, object> }>('/openapi.json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/subscriptions',
        '/v1/subscriptions/{id}',
        '/v1/subscriptions/{id}/secret-rotation',
        '/v1/subscriptions/{id}/deliveries',
        '/v1/subscriptions/{id}/deliveries/{deliveryId}/retry',
        '/v1/feed',
        '/v1/feed/stream',
      ]),
    );
  });

  it('shows the secret once, lists only the own party’s subscriptions, and deactivates', async () => {
    const created = await subscribe('/listing', [
      'CargoArrived',
      Events.ShipmentReleased.type,
      'CargoArrived',
    ]);
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.eventTypes).toEqual([Events.CargoArrived.type, Events.ShipmentReleased.type]);

    const shown = await customs().get(`/v1/subscriptions/${created.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ id: created.id, active: true });
    expect(shown.body.secret).toBeUndefined();
    const listed = await customs().get('/v1/subscriptions');
    expect(listed.body.map((s: { id: string }) => s.id)).toContain(created.id);
    expect(JSON.stringify(listed.body)).not.toContain(created.secret);

    const otherParty = api().as(tokenFor('customs', 'CUSTOMS-GZ'));
    expect((await otherParty.get(`/v1/subscriptions/${created.id}`)).status).toBe(404);
    expect((await otherParty.get('/v1/subscriptions')).body).toEqual([]);
    expect((await otherParty.request('DELETE', `/v1/subscriptions/${created.id}`)).status).toBe(404);

    const deleted = await customs().request<{ active: boolean }>('DELETE', `/v1/subscriptions/${created.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.active).toBe(false);
    expect((await customs().post(`/v1/subscriptions/${created.id}/secret-rotation`)).status).toBe(409);
  });
});

describe('agency feeds: webhooks', () => {
  it('delivers a signed CloudEvent that the receiver verifies; a tampered body or an old timestamp fails', async () => {
    const subscription = await subscribe('/signed', ['RiskAssessed']);
    const shipmentId = newShipmentId();
    const ceId = await publishRiskAssessed(tap, shipmentId);

    const [delivery] = await eventually(
      () => {
        const got = receiver.at('/signed', shipmentId);
        return got.length > 0 && got;
      },
      30_000,
      'the signed delivery',
    );
    expect(delivery.headers['ce-id']).toBe(ceId);
    const inFeed = await customs().get(`/v1/feed?shipmentId=${shipmentId}`);
    expect(delivery.headers['tongguan-feed-cursor']).toBe(inFeed.body.items[0].cursor);
    expect(delivery.headers['content-type']).toContain('application/cloudevents+json');
    expect(delivery.event).toMatchObject({
      specversion: '1.0',
      id: ceId,
      type: Events.RiskAssessed.type,
      source: 'inspection',
      subject: shipmentId,
      data: { shipmentId, channel: 'GREEN', score: 12 },
    });
    expect(Date.parse(delivery.event.time as string)).not.toBeNaN();

    const header = delivery.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const check = (rawBody: string, now = nowSeconds(), secret = subscription.secret) =>
      verifySignature({ header, rawBody, secret, nowSeconds: now });
    expect(check(delivery.rawBody).ok).toBe(true);
    expect(check(delivery.rawBody.replace('"GREEN"', '"RED"'))).toEqual({
      ok: false,
      reason: 'signature-mismatch',
    });
    expect(check(delivery.rawBody, nowSeconds() + 600)).toEqual({
      ok: false,
      reason: 'timestamp-outside-tolerance',
    });
    expect(check(delivery.rawBody, nowSeconds(), 'whsec_guessed')).toMatchObject({ ok: false });
  });

  it('signs with the new and the previous secret after a rotation', async () => {
    const subscription = await subscribe('/rotated', ['RiskAssessed']);
    const rotation = await customs().post(`/v1/subscriptions/${subscription.id}/secret-rotation`);
    expect(rotation.status).toBe(201);
    expect(rotation.body.secret).not.toBe(subscription.secret);
    const shipmentId = newShipmentId();
    await publishRiskAssessed(tap, shipmentId);
    const [delivery] = await eventually(
      () => {
        const got = receiver.at('/rotated', shipmentId);
        return got.length > 0 && got;
      },
      30_000,
      'the delivery after the rotation',
    );
    const header = delivery.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    for (const secret of [rotation.body.secret as string, subscription.secret]) {
      expect(
        verifySignature({ header, rawBody: delivery.rawBody, secret, nowSeconds: nowSeconds() }).ok,
      ).toBe(true);
    }
  });

  it('retries a delivery the receiver answered with 500, and records both attempts', async () => {
    receiver.answer('/flaky', (attempt) => (attempt === 1 ? 500 : 200));
    const subscription = await subscribe('/flaky', ['RiskAssessed']);
    const shipmentId = newShipmentId();
    const ceId = await publishRiskAssessed(tap, shipmentId);

    await eventually(() => receiver.distinctAccepted('/flaky', shipmentId).length === 1, 30_000, 'the retry');
    const attempts = receiver.at('/flaky', shipmentId);
    expect(attempts.map((a) => [a.headers['ce-id'], a.answered])).toEqual([
      [ceId, 500],
      [ceId, 200],
    ]);
    const recorded = await eventually(async () => {
      const page = await deliveries(subscription.id, 'delivered');
      return page.items.find((d) => d.eventId === ceId);
    });
    expect(recorded.attempts).toBe(2);
  });

  it('dead-letters a delivery after the last attempt, lists it, and re-drives it on request', async () => {
    let receiverUp = false;
    receiver.answer('/down', () => (receiverUp ? 204 : 503));
    const subscription = await subscribe('/down', ['ClearanceSlaAtRisk']);
    const shipmentId = newShipmentId();
    const ceId = await publishSlaAtRisk(tap, shipmentId);

    const dead = await eventually(
      async () => {
        const page = await deliveries(subscription.id, 'dead');
        return page.items.find((d) => d.eventId === ceId);
      },
      30_000,
      'the dead-lettered delivery',
    );
    expect(dead.attempts).toBe(MAX_ATTEMPTS);
    expect(receiver.at('/down', shipmentId)).toHaveLength(MAX_ATTEMPTS);
    await new Promise((r) => setTimeout(r, 1_500)); // a dead delivery is not tried again by itself
    expect(receiver.at('/down', shipmentId)).toHaveLength(MAX_ATTEMPTS);

    const metrics = await api().get<string>('/metrics');
    expect(metrics.body).toMatch(/tongguan_feed_delivery_attempts_total\{outcome="dead"\} [1-9]/);

    const notDead = await customs().post(`/v1/subscriptions/${subscription.id}/deliveries/${dead.id}/retry`);
    expect(notDead.status).toBe(200);
    receiverUp = true;
    await eventually(
      () => receiver.distinctAccepted('/down', shipmentId).length === 1,
      30_000,
      'the re-driven delivery',
    );
    const delivered = await eventually(async () => {
      const page = await deliveries(subscription.id, 'delivered');
      return page.items.find((d) => d.eventId === ceId);
    });
    expect(delivered.attempts).toBe(1);
    const again = await customs().post(`/v1/subscriptions/${subscription.id}/deliveries/${dead.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DELIVERY.NOT_DEAD');
  });
});

describe('agency feeds: a receiver that does not answer', () => {
  it('ends an attempt at the request timeout and tries again later', async () => {
    receiver.answer('/silent', (attempt) => (attempt === 1 ? NO_ANSWER : 200));
    const subscription = await subscribe('/silent', ['RiskAssessed']);
    const shipmentId = newShipmentId();
    const ceId = await publishRiskAssessed(tap, shipmentId);
    await eventually(
      () => receiver.distinctAccepted('/silent', shipmentId).length === 1,
      30_000,
      'the second try',
    );
    const recorded = await eventually(async () => {
      const page = await deliveries(subscription.id, 'delivered');
      return page.items.find((d) => d.eventId === ceId);
    });
    expect(recorded.attempts).toBe(2);
    expect(receiver.at('/silent', shipmentId).map((r) => r.answered)).toEqual([NO_ANSWER, 200]);
  });
});

describe('agency feeds: pull feed and stream', () => {
  it('pages with a cursor in log order, filters, and replays from a point in time', async () => {
    const shipmentId = newShipmentId();
    const start = Date.parse('2026-11-02T08:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        await publishSlaAtRisk(tap, shipmentId, { time: new Date(start + i * 3_600_000).toISOString() }),
      );
    }
    await publishRiskAssessed(tap, shipmentId, { time: new Date(start).toISOString() });
    const all = await eventually(
      async () => {
        const page = await customs().get(
          `/v1/feed?shipmentId=${shipmentId.toLowerCase()}&types=ClearanceSlaAtRisk`,
        );
        return page.body.items?.length === 5 && page.body;
      },
      30_000,
      'five logged events',
    );
    expect(new Set(all.items.map((i: { event: { id: string } }) => i.event.id))).toEqual(new Set(ids));

    const paged: string[] = [];
    let after = '0';
    const sizes: number[] = [];
    for (let round = 0; round < 5; round++) {
      const page = await customs().get(
        `/v1/feed?shipmentId=${shipmentId}&types=ClearanceSlaAtRisk&limit=2&after=${after}`,
      );
      expect(page.status).toBe(200);
      sizes.push(page.body.items.length);
      paged.push(...page.body.items.map((i: { event: { id: string } }) => i.event.id));
      const cursors = page.body.items.map((i: { cursor: string }) => Number(i.cursor));
      expect(cursors.every((c: number) => c > Number(after))).toBe(true);
      expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);
      after = page.body.nextCursor;
      if (!page.body.hasMore && page.body.items.length === 0) break;
    }
    expect(sizes.slice(0, 4)).toEqual([2, 2, 1, 0]);
    expect(paged).toEqual(all.items.map((i: { event: { id: string } }) => i.event.id));

    const replay = await api()
      .as(tokenFor('ops', 'OPS-1'))
      .get(
        `/v1/feed?shipmentId=${shipmentId}&since=${encodeURIComponent(new Date(start + 3 * 3_600_000).toISOString())}`,
      );
    expect(replay.body.items.map((i: { event: { id: string } }) => i.event.id).sort()).toEqual(
      ids.slice(3).sort(),
    );
    const both = await customs().get(`/v1/feed?shipmentId=${shipmentId}`);
    expect(both.body.items).toHaveLength(6);

    const bad = await customs().get('/v1/feed?after=-1&since=yesterday&types=CargoLost&limit=0&colour=red');
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['after', 'since', 'types', 'limit', 'colour']),
    );
    // no declaration names TRADER-1 as the owner of this shipment: nothing of it is in its feed
    const importerFeed = await api()
      .as(tokenFor('importer', 'TRADER-1'))
      .get(`/v1/feed?shipmentId=${shipmentId}`);
    expect(importerFeed.status).toBe(200);
    expect(importerFeed.body.items).toEqual([]);
  });

  it('streams events as Server-Sent Events and resumes after the Last-Event-ID', async () => {
    const shipmentId = newShipmentId();
    const token = tokenFor('inspection', 'CIQ-SZ');
    const url = `${processes.url('port-exchange')}/v1/feed/stream?shipmentId=${shipmentId}`;
    const published: string[] = [];
    const first = await readServerSentEvents(url, token, 2, {
      whileOpen: async () => {
        published.push(await publishRiskAssessed(tap, shipmentId));
        published.push(await publishSlaAtRisk(tap, shipmentId));
      },
    });
    expect(first.map((e) => e.data.id)).toEqual(published);
    expect(first.map((e) => e.event)).toEqual([Events.RiskAssessed.type, Events.ClearanceSlaAtRisk.type]);
    expect(Number(first[1].id)).toBeGreaterThan(Number(first[0].id));

    const third = await publishSlaAtRisk(tap, shipmentId);
    const resumed = await readServerSentEvents(url, token, 1, { lastEventId: first[1].id });
    expect(resumed.map((e) => e.data.id)).toEqual([third]);
  });
});

describe('agency feeds: restarts', () => {
  it('delivers every event exactly once by ce-id, including those published while port-exchange was down', async () => {
    const subscription = await subscribe('/durable', ['ClearanceSlaAtRisk']);
    const shipmentId = newShipmentId();
    const published: string[] = [];
    for (let i = 0; i < 4; i++) published.push(await publishSlaAtRisk(tap, shipmentId));
    await eventually(
      () => receiver.distinctAccepted('/durable', shipmentId).length >= 2,
      30_000,
      'first deliveries',
    );

    await processes.stop('port-exchange');
    for (let i = 0; i < 4; i++) published.push(await publishSlaAtRisk(tap, shipmentId));
    await processes.start(['port-exchange']);
    reconnect();

    const accepted = await eventually(
      () => {
        const got = receiver.distinctAccepted('/durable', shipmentId);
        return got.length >= published.length && got;
      },
      60_000,
      'every event after the restart',
    );
    expect(accepted.map((d) => d.headers['ce-id']).sort()).toEqual([...published].sort());
    await new Promise((r) => setTimeout(r, 1_000));
    expect(receiver.distinctAccepted('/durable', shipmentId)).toHaveLength(published.length);

    const page = await deliveries(subscription.id, 'delivered');
    expect(page.items.filter((d) => published.includes(d.eventId))).toHaveLength(published.length);
    const feed = await customs().get(`/v1/feed?shipmentId=${shipmentId}`);
    const cursors = feed.body.items.map((i: { cursor: string }) => Number(i.cursor));
    expect(feed.body.items.map((i: { event: { id: string } }) => i.event.id).sort()).toEqual(
      [...published].sort(),
    );
    expect(new Set(cursors).size).toBe(cursors.length);

    // the whole log, across the restart: cursors 1..n with no gap and no repeat
    const everything: number[] = [];
    for (let after = '0'; ;) {
      const next = await api().as(tokenFor('ops', 'OPS-1')).get(`/v1/feed?limit=500&after=${after}`);
      everything.push(...next.body.items.map((i: { cursor: string }) => Number(i.cursor)));
      if (!next.body.hasMore) break;
      after = next.body.nextCursor;
    }
    expect(everything).toEqual(Array.from({ length: everything.length }, (_, i) => i + 1));
  });

  it('sends again a delivery that was in flight when port-exchange crashed, once its lease runs out', async () => {
    receiver.answer('/crash', (attempt) => (attempt === 1 ? NO_ANSWER : 200));
    await subscribe('/crash', ['ClearanceSlaAtRisk']);
    const shipmentId = newShipmentId();
    const ceId = await publishSlaAtRisk(tap, shipmentId);
    await eventually(() => receiver.at('/crash', shipmentId).length === 1, 30_000, 'the attempt in flight');

    await processes.restart('port-exchange', 'SIGKILL');
    reconnect();
    const accepted = await eventually(
      () => receiver.distinctAccepted('/crash', shipmentId)[0],
      60_000,
      'the delivery after the crash',
    );
    expect(accepted.headers['ce-id']).toBe(ceId);
    expect(receiver.at('/crash', shipmentId).map((r) => r.answered)).toEqual([NO_ANSWER, 200]);
  });
});

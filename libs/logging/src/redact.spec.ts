import { redact, REDACTED, scrubText } from './redact';

describe('redact', () => {
  it('replaces values under secret keys, whatever their case or nesting', () => {
    const headers = { Authorization: 'Bearer abc', 'x-api-key': 'k', accept: 'application/json' };
    expect(
      redact({ headers, config: { JWT_SECRET: 's', webhookSecret: 'w' }, hooks: [{ signature: 'sig' }] }),
    ).toEqual({
      headers: { Authorization: REDACTED, 'x-api-key': REDACTED, accept: 'application/json' },
      config: { JWT_SECRET: REDACTED, webhookSecret: REDACTED },
      hooks: [{ signature: REDACTED }],
    });
  });

  it('keeps errors readable and survives cycles', () => {
    const looped: Record<string, unknown> = { name: 'a' };
    looped.self = looped;
    expect(redact(looped)).toEqual({ name: 'a', self: '[Circular]' });
    expect(redact(new Error('boom'))).toMatchObject({ name: 'Error', message: 'boom' });
  });
});

describe('scrubText', () => {
  it('removes bearer tokens, JWTs and secret query parameters from free text', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    expect(scrubText(`header Bearer ${jwt} sent`)).toBe(`header Bearer ${REDACTED} sent`);
    expect(scrubText(`token was ${jwt}`)).toBe(`token was ${REDACTED}`);
    expect(scrubText('GET /v1/live?role=x&token=abc.def&x=1')).toBe(
      `GET /v1/live?role=x&token=${REDACTED}&x=1`,
    );
    expect(scrubText('GET /v1/shipments/ABC123 200')).toBe('GET /v1/shipments/ABC123 200');
  });
});

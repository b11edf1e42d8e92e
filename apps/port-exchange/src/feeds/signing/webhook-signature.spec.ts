import { createHmac } from 'node:crypto';
import { newSigningSecret, signatureHeader, signatureOf, verifySignature } from './webhook-signature';

const secret = 'whsec_test-secret';
const body = '{"specversion":"1.0","id":"e1","data":{"shipmentId":"COSU1234"}}';
const t = 1_790_000_000;

describe('webhook signatures', () => {
  it('is the hex HMAC-SHA256 of "<t>.<body>" with the secret', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signatureOf(secret, t, body)).toBe(expected);
    expect(signatureHeader([secret], t, body)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies a fresh, untouched delivery', () => {
    const header = signatureHeader([secret], t, body);
    expect(verifySignature({ header, rawBody: body, secret, nowSeconds: t + 10 })).toEqual({
      ok: true,
      timestamp: t,
    });
  });

  it('refuses a tampered body, another secret, and a replay outside the tolerance', () => {
    const header = signatureHeader([secret], t, body);
    const tampered = body.replace('COSU1234', 'COSU9999');
    expect(verifySignature({ header, rawBody: tampered, secret, nowSeconds: t })).toEqual({
      ok: false,
      reason: 'signature-mismatch',
    });
    expect(verifySignature({ header, rawBody: body, secret: 'whsec_other', nowSeconds: t }).ok).toBe(false);
    expect(verifySignature({ header, rawBody: body, secret, nowSeconds: t + 301 })).toEqual({
      ok: false,
      reason: 'timestamp-outside-tolerance',
    });
    expect(
      verifySignature({ header, rawBody: body, secret, nowSeconds: t + 60, toleranceSeconds: 30 }).ok,
    ).toBe(false);
  });

  it('refuses malformed headers', () => {
    for (const header of [
      undefined,
      '',
      `v1=${'a'.repeat(64)}`,
      `t=${t}`,
      `t=abc,v1=${'a'.repeat(64)}`,
      `t=${t},v1=xyz`,
    ]) {
      expect(verifySignature({ header, rawBody: body, secret, nowSeconds: t })).toEqual({
        ok: false,
        reason: 'malformed-header',
      });
    }
  });

  it('signs with both secrets during a rotation, and either verifies', () => {
    const previous = newSigningSecret();
    const current = newSigningSecret();
    expect(current).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(current).not.toBe(previous);
    const header = signatureHeader([current, previous], t, body);
    expect(verifySignature({ header, rawBody: body, secret: current, nowSeconds: t }).ok).toBe(true);
    expect(verifySignature({ header, rawBody: body, secret: previous, nowSeconds: t }).ok).toBe(true);
  });
});

import { signToken, TOKEN_ISSUER } from '@tongguan/auth';
import { rateSubjectOf } from './rate-limit.guard';

const settings = { secret: 'test-secret', issuer: TOKEN_ISSUER };
const request = (authorization?: string) => ({
  headers: authorization ? { authorization } : {},
  ip: '10.0.0.7',
});

describe('rateSubjectOf', () => {
  it('spends the budget of the token’s role and party', () => {
    const token = signToken({ role: 'importer', party: 'TRADER-1' }, 'test-secret', TOKEN_ISSUER);
    expect(rateSubjectOf(request(`Bearer ${token}`), settings)).toEqual({
      key: 'party:importer:TRADER-1',
      anonymous: false,
    });
  });

  it('spends the IP’s budget without a token, with a forged one and with an expired-lifetime one', () => {
    const forged = signToken({ role: 'ops', party: 'OPS' }, 'guessed', TOKEN_ISSUER);
    const tooLong = signToken({ role: 'ops', party: 'OPS' }, 'test-secret', TOKEN_ISSUER, 10 * 365 * 86_400);
    for (const authorization of [undefined, `Bearer ${forged}`, `Bearer ${tooLong}`, 'Basic abc']) {
      expect(rateSubjectOf(request(authorization), settings)).toEqual({
        key: 'ip:10.0.0.7',
        anonymous: true,
      });
    }
  });
});

import { ConfigError } from '@tongguan/config';
import { loadFeedsConfig } from './feeds-config';

describe('loadFeedsConfig', () => {
  it('has defaults for every setting', () => {
    const config = loadFeedsConfig({});
    expect(config.FEED_MAX_ATTEMPTS).toBe(8);
    expect(config.FEED_LEASE_MS).toBeGreaterThan(config.FEED_REQUEST_TIMEOUT_MS);
  });

  it('reads numbers from the environment', () => {
    const config = loadFeedsConfig({
      FEED_MAX_ATTEMPTS: '3',
      FEED_BACKOFF_BASE_MS: '50',
      FEED_BACKOFF_JITTER: '0',
    });
    expect(config).toMatchObject({ FEED_MAX_ATTEMPTS: 3, FEED_BACKOFF_BASE_MS: 50, FEED_BACKOFF_JITTER: 0 });
  });

  it('names every bad setting at once', () => {
    expect(() => loadFeedsConfig({ FEED_MAX_ATTEMPTS: '0', FEED_BACKOFF_JITTER: 'lots' })).toThrow(
      /FEED_MAX_ATTEMPTS[\s\S]*FEED_BACKOFF_JITTER/,
    );
  });

  it('refuses settings that contradict each other', () => {
    const load = () =>
      loadFeedsConfig({
        FEED_BACKOFF_BASE_MS: '5000',
        FEED_BACKOFF_CAP_MS: '1000',
        FEED_LEASE_MS: '5000',
        FEED_REQUEST_TIMEOUT_MS: '5000',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/FEED_BACKOFF_CAP_MS[\s\S]*FEED_LEASE_MS/);
  });
});

describe('loadFeedsConfig: webhook allow-list', () => {
  it('names a malformed allow-list entry at boot', () => {
    expect(() => loadFeedsConfig({ WEBHOOK_ALLOWED_CIDRS: '127.0.0.1/40' })).toThrow(/WEBHOOK_ALLOWED_CIDRS/);
    expect(loadFeedsConfig({ WEBHOOK_ALLOWED_CIDRS: '127.0.0.1/32' }).WEBHOOK_ALLOWED_CIDRS).toBe(
      '127.0.0.1/32',
    );
  });
});

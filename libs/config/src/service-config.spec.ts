import { loadServiceConfig, parseLifetime } from './service-config';

const STRONG_SECRET = 'k'.repeat(32);

describe('loadServiceConfig', () => {
  it('applies defaults and derives the database name from the service', () => {
    const config = loadServiceConfig('logistics-trading', 3003, {});
    expect(config.PORT).toBe(3003);
    expect(config.mongoDbName).toBe('tongguan_logistics_trading');
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092']);
    expect(config.TOPIC_PARTITIONS).toBe(6);
  });

  it('names every bad setting at once', () => {
    expect(() =>
      loadServiceConfig('declaration', 3001, {
        PORT: 'abc',
        KAFKA_BROKERS: 'nohost',
        MONGO_URI: 'postgres://x',
      }),
    ).toThrow(/PORT[\s\S]*KAFKA_BROKERS[\s\S]*MONGO_URI/);
  });

  it('refuses to run in production without a JWT secret', () => {
    expect(() => loadServiceConfig('declaration', 3001, { NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('refuses an empty, blank, short or development JWT secret in production, naming it', () => {
    for (const JWT_SECRET of ['', '   ', 'short-secret', 'tongguan-local-development-secret']) {
      expect(() => loadServiceConfig('declaration', 3001, { NODE_ENV: 'production', JWT_SECRET })).toThrow(
        /JWT_SECRET must/,
      );
    }
    const config = loadServiceConfig('declaration', 3001, {
      NODE_ENV: 'production',
      JWT_SECRET: STRONG_SECRET,
    });
    expect(config.JWT_SECRET).toBe(STRONG_SECRET);
  });

  it('keeps the development secret outside production', () => {
    expect(loadServiceConfig('declaration', 3001, { JWT_SECRET: '' }).JWT_SECRET).toBe(
      'tongguan-local-development-secret',
    );
  });

  it('reads the token lifetime limit (24 h by default) and refuses one past 30 days', () => {
    expect(loadServiceConfig('declaration', 3001, {}).jwtMaxLifetimeSeconds).toBe(86_400);
    expect(loadServiceConfig('declaration', 3001, { JWT_MAX_LIFETIME: '90m' }).jwtMaxLifetimeSeconds).toBe(
      5_400,
    );
    expect(() => loadServiceConfig('declaration', 3001, { JWT_MAX_LIFETIME: '31d' })).toThrow(
      /JWT_MAX_LIFETIME/,
    );
    expect(() => loadServiceConfig('declaration', 3001, { JWT_MAX_LIFETIME: 'forever' })).toThrow(
      /JWT_MAX_LIFETIME/,
    );
  });

  it('reads the rate limits, with generous defaults', () => {
    const config = loadServiceConfig('declaration', 3001, { RATE_LIMIT_PER_PARTY: '5' });
    expect(config).toMatchObject({
      RATE_LIMIT_PER_PARTY: 5,
      RATE_LIMIT_WINDOW_SECONDS: 10,
      RATE_LIMIT_ANONYMOUS: 600,
    });
    expect(() => loadServiceConfig('declaration', 3001, { RATE_LIMIT_PER_PARTY: '0' })).toThrow(
      /RATE_LIMIT_PER_PARTY/,
    );
  });
});

describe('log settings', () => {
  it('writes JSON in production and text elsewhere unless LOG_FORMAT says otherwise', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET };
    expect(loadServiceConfig('declaration', 3001, production).logFormat).toBe('json');
    expect(loadServiceConfig('declaration', 3001, {}).logFormat).toBe('text');
    expect(loadServiceConfig('declaration', 3001, { LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadServiceConfig('declaration', 3001, { ...production, LOG_FORMAT: 'text' }).logFormat).toBe(
      'text',
    );
  });

  it('refuses an unknown LOG_FORMAT or LOG_LEVEL, naming it', () => {
    expect(() => loadServiceConfig('declaration', 3001, { LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
    expect(() => loadServiceConfig('declaration', 3001, { LOG_LEVEL: 'info' })).toThrow(/LOG_LEVEL/);
  });
});

describe('parseLifetime', () => {
  it('reads seconds and units, and refuses anything else', () => {
    expect(parseLifetime('86400')).toBe(86_400);
    expect(parseLifetime('24h')).toBe(86_400);
    expect(parseLifetime('90m')).toBe(5_400);
    expect(parseLifetime('2d')).toBe(172_800);
    for (const bad of ['', '0', '-5', '1y', '1.5h', 'h']) expect(parseLifetime(bad)).toBeNull();
  });
});

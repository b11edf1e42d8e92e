import { loadServiceConfig } from './service-config';

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
});

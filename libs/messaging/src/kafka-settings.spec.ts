import { loadKafkaSettings } from './kafka-settings';

describe('loadKafkaSettings', () => {
  it('runs without credentials on a local broker, topics with one replica', () => {
    const settings = loadKafkaSettings({});
    expect(settings.sasl).toBeUndefined();
    expect(settings.KAFKA_SSL).toBe(false);
    expect(settings.replicationFactor).toBe(1);
  });

  it('builds SCRAM credentials and TLS from the environment', () => {
    const settings = loadKafkaSettings({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'declaration',
      KAFKA_SASL_PASSWORD: 's3cret',
      KAFKA_SSL: 'true',
    });
    expect(settings.sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'declaration',
      password: 's3cret',
    });
    expect(settings.KAFKA_SSL).toBe(true);
  });

  it('names every incomplete or unknown setting at once', () => {
    expect(() => loadKafkaSettings({ KAFKA_SASL_USERNAME: 'declaration', KAFKA_SSL: 'yes' })).toThrow(
      /KAFKA_SSL must be true or false/,
    );
    expect(() => loadKafkaSettings({ KAFKA_SASL_USERNAME: 'declaration' })).toThrow(
      /KAFKA_SASL_MECHANISM, KAFKA_SASL_PASSWORD: required/,
    );
    expect(() => loadKafkaSettings({ KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(/KAFKA_SASL_MECHANISM/);
  });

  it('replicates three times in production and refuses a single replica unless allowed', () => {
    expect(loadKafkaSettings({ NODE_ENV: 'production' }).replicationFactor).toBe(3);
    expect(() => loadKafkaSettings({ NODE_ENV: 'production', KAFKA_REPLICATION_FACTOR: '1' })).toThrow(
      /KAFKA_REPLICATION_FACTOR: 1 loses/,
    );
    const demo = loadKafkaSettings({
      NODE_ENV: 'production',
      KAFKA_REPLICATION_FACTOR: '1',
      KAFKA_ALLOW_SINGLE_REPLICA: 'true',
    });
    expect(demo.replicationFactor).toBe(1);
    expect(loadKafkaSettings({ KAFKA_REPLICATION_FACTOR: '2' }).replicationFactor).toBe(2);
  });
});

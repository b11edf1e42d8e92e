import { tracingSettingsOf, TracingSettingsError } from './tracing-settings';

describe('tracingSettingsOf', () => {
  it('leaves tracing off when nothing asks for it, or when it is disabled or set to none', () => {
    expect(tracingSettingsOf('declaration', {})).toBeNull();
    expect(tracingSettingsOf('declaration', { OTEL_TRACES_EXPORTER: 'none' })).toBeNull();
    expect(
      tracingSettingsOf('declaration', {
        OTEL_SDK_DISABLED: 'true',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      }),
    ).toBeNull();
  });

  it('exports by OTLP http/protobuf once an endpoint is set, named after the service', () => {
    expect(tracingSettingsOf('inspection', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual(
      {
        serviceName: 'inspection',
        exporter: 'otlp',
        protocol: 'http/protobuf',
        scheduledDelayMs: 5000,
      },
    );
  });

  it('takes the service name, protocol, batch delay and a console exporter from the standard variables', () => {
    expect(
      tracingSettingsOf('inspection', {
        OTEL_TRACES_EXPORTER: 'console',
        OTEL_SERVICE_NAME: 'tongguan-inspection',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '200',
      }),
    ).toEqual({
      serviceName: 'tongguan-inspection',
      exporter: 'console',
      protocol: 'http/json',
      scheduledDelayMs: 200,
    });
  });

  it('names the setting it cannot honour', () => {
    const bad = (env: NodeJS.ProcessEnv) => () => tracingSettingsOf('declaration', env);
    expect(bad({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/OTEL_TRACES_EXPORTER .*zipkin/);
    expect(
      bad({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    ).toThrow(TracingSettingsError);
    expect(bad({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_BSP_SCHEDULE_DELAY: 'soon' })).toThrow(
      /OTEL_BSP_SCHEDULE_DELAY/,
    );
  });
});

/** How a service exports its spans, read from the standard OpenTelemetry variables. */
export interface TracingSettings {
  serviceName: string;
  exporter: 'otlp' | 'console';
  protocol: 'http/protobuf' | 'http/json';
  /** How long finished spans wait to be sent in one batch. */
  scheduledDelayMs: number;
}

export class TracingSettingsError extends Error {}

const EXPORTERS = ['otlp', 'console', 'none'] as const;
const PROTOCOLS = ['http/protobuf', 'http/json'] as const;

/**
 * Tracing is on only when asked for: an OTLP endpoint, or OTEL_TRACES_EXPORTER (otlp or console). With
 * neither, or OTEL_SDK_DISABLED=true, there is no SDK at all (null): OpenTelemetry's no-op API costs
 * next to nothing. A setting we cannot honour stops the service with its name (grpc is not shipped).
 */
export function tracingSettingsOf(service: string, env: NodeJS.ProcessEnv): TracingSettings | null {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return null;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const asked = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() || (endpoint ? 'otlp' : 'none');
  const exporter = EXPORTERS.find((name) => name === asked);
  if (!exporter)
    throw new TracingSettingsError(
      `OTEL_TRACES_EXPORTER must be one of ${EXPORTERS.join(', ')}: got ${asked}`,
    );
  if (exporter === 'none') return null;
  const protocolName = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL
    ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocolAsked = env[protocolName]?.trim() || 'http/protobuf';
  const protocol = PROTOCOLS.find((name) => name === protocolAsked);
  if (!protocol)
    throw new TracingSettingsError(
      `${protocolName} must be one of ${PROTOCOLS.join(', ')}: got ${protocolAsked}`,
    );
  const delay = env.OTEL_BSP_SCHEDULE_DELAY?.trim() || '5000';
  if (!/^\d{1,7}$/.test(delay))
    throw new TracingSettingsError(`OTEL_BSP_SCHEDULE_DELAY must be milliseconds: got ${delay}`);
  return {
    serviceName: env.OTEL_SERVICE_NAME?.trim() || service,
    exporter,
    protocol,
    scheduledDelayMs: Number(delay),
  };
}

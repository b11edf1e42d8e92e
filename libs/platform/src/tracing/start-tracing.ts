import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NodeTracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import { setTracingActive } from '@tongguan/logging';
import { traceStoreCalls } from '@tongguan/persistence';
import { type TracingSettings, tracingSettingsOf } from './tracing-settings';

let provider: NodeTracerProvider | null = null;

/**
 * Starts OpenTelemetry before Nest when the environment asks for it (see tracingSettingsOf): a tracer
 * provider with the W3C propagator and an AsyncLocalStorage context, batching spans to the exporter,
 * and the store's spans. HTTP and Kafka spans are made by the platform and messaging libs themselves.
 * Returns whether tracing is on.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const settings = tracingSettingsOf(service, env);
  if (!settings || provider) return provider !== null;
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES as the SDK reads them, the service's name first
  const resource = resourceFromAttributes({ 'service.name': settings.serviceName }).merge(
    detectResources({ detectors: [envDetector] }),
  );
  provider = new NodeTracerProvider({
    resource,
    spanProcessors: [
      new BatchSpanProcessor(exporterOf(settings), { scheduledDelayMillis: settings.scheduledDelayMs }),
    ],
  });
  provider.register();
  traceStoreCalls();
  setTracingActive(true);
  return true;
}

/** The endpoint and headers come from OTEL_EXPORTER_OTLP_* as the exporters read them. */
function exporterOf(settings: TracingSettings): SpanExporter {
  if (settings.exporter === 'console') return new ConsoleSpanExporter();
  return settings.protocol === 'http/json' ? new OtlpJsonExporter() : new OtlpProtobufExporter();
}

export function tracingOn(): boolean {
  return provider !== null;
}

/** Sends the spans still batched, at shutdown. */
export async function stopTracing(): Promise<void> {
  const stopping = provider;
  provider = null;
  setTracingActive(false);
  await stopping?.shutdown();
}

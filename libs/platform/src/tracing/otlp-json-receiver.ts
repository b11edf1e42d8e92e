import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { type ReceivedSpan, spansOfOtlpJson } from './trace-tree';

/**
 * A collector-less OTLP/HTTP receiver for http/json exports (POST /v1/traces): each request's spans go
 * to onSpans. For tests and scripts/trace-shipment.js; production sends to a real collector.
 */
export async function startOtlpJsonReceiver(
  onSpans: (spans: ReceivedSpan[]) => void,
  port = 0,
  host = '127.0.0.1',
): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      try {
        const raw = Buffer.concat(chunks);
        const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        onSpans(spansOfOtlpJson(JSON.parse(body.toString('utf8'))));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch (error) {
        // a protobuf export (the default protocol) lands here: say what this receiver reads
        response
          .writeHead(400, { 'content-type': 'text/plain' })
          .end(
            `expected OTLP http/json (OTEL_EXPORTER_OTLP_PROTOCOL=http/json): ${(error as Error).message}`,
          );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

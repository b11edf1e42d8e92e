import type { NextFunction, Request, Response } from 'express';
import { Histogram, register } from 'prom-client';

const httpSeconds =
  (register.getSingleMetric('tongguan_http_request_seconds') as Histogram | undefined) ??
  new Histogram({
    name: 'tongguan_http_request_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });

export function httpMetricsMiddleware(request: Request, response: Response, next: NextFunction): void {
  const stop = httpSeconds.startTimer();
  response.on('finish', () => {
    // the matched route pattern keeps label cardinality bounded (ids are not labels)
    const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
    stop({
      method: request.method,
      route: `${request.baseUrl}${route}`,
      status: String(response.statusCode),
    });
  });
  next();
}

import { context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Aggregate, Model, Query } from 'mongoose';

const tracer = trace.getTracer('@tongguan/persistence');
let installed = false;

type AnyFunction = (this: any, ...args: any[]) => Promise<unknown>;

/**
 * Store spans: every query, aggregation, save, insertMany and bulkWrite through mongoose becomes a
 * client span of the trace in scope. The mongoose instrumentation hooks module loading, which our
 * bootstrap does after mongoose is loaded; wrapping the few entry points here is what it does, and
 * works whatever the load order. Outside a trace (the relay's sweeps, metric refreshes, watchers)
 * no span is made, so background polling does not fill the traces with roots of one span.
 * Installed once, by the tracing bootstrap, only when tracing is on.
 */
export function traceStoreCalls(): void {
  if (installed) return;
  installed = true;
  wrap(Query.prototype, 'exec', function (this: Query<unknown, unknown> & { op?: string }) {
    return { operation: this.op ?? 'query', collection: this.model?.collection?.collectionName };
  });
  wrap(Aggregate.prototype, 'exec', function (this: Aggregate<unknown>) {
    return { operation: 'aggregate', collection: (this as any)._model?.collection?.collectionName };
  });
  const save = function (this: { collection?: { collectionName?: string } }) {
    return { operation: 'save', collection: this.collection?.collectionName };
  };
  wrap(Model.prototype, 'save', save);
  wrap(Model.prototype, '$save', save);
  for (const name of ['insertMany', 'bulkWrite'] as const)
    wrap(Model as unknown as Record<string, AnyFunction>, name, function (this: typeof Model) {
      return { operation: name, collection: this.collection?.collectionName };
    });
}

function wrap(
  target: object,
  name: string,
  describe: (this: any) => { operation: string; collection?: string },
): void {
  const holder = target as Record<string, AnyFunction>;
  const original = holder[name];
  holder[name] = function (this: unknown, ...args: unknown[]) {
    if (!trace.getSpan(context.active())) return original.apply(this, args);
    const { operation, collection } = describe.call(this);
    const span = tracer.startSpan(`${operation} ${collection ?? ''}`.trim(), {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'mongodb',
        'db.operation.name': operation,
        ...(collection ? { 'db.collection.name': collection } : {}),
      },
    });
    return context
      .with(trace.setSpan(context.active(), span), () => original.apply(this, args))
      .then(
        (result) => ended(span, result),
        (error: unknown) => {
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
          ended(span, undefined);
          throw error;
        },
      );
  };
}

function ended<T>(span: Span, result: T): T {
  span.end();
  return result;
}

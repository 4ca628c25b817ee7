import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

const KEY = Symbol.for('fleetlic.testing.inMemorySpans');
type Holder = { [KEY]?: InMemorySpanExporter };

/**
 * Registers a tracer provider that keeps finished spans in memory (what the preload does in a
 * service, minus exporters) and returns its exporter. Idempotent: OTel globals register once.
 */
export function installInMemoryTracing(): InMemorySpanExporter {
  const g = globalThis as Holder;
  if (g[KEY]) return g[KEY];
  const exporter = new InMemorySpanExporter();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  g[KEY] = exporter;
  return exporter;
}

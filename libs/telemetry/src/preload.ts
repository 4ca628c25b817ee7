/**
 * Started with `node --require dist/libs/telemetry/src/preload.js dist/apps/<app>/src/main.js`
 * so the SDK patches http, express and pg before the app (Nest, TypeORM) imports them. An
 * `import './instrument'` in main.ts would be too late and can be moved by import sorters.
 */
import { basename, dirname, resolve } from 'node:path';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { sharedPrometheusExporter } from './metrics';
import { spanProcessorsFromEnv } from './trace-exporters';

/** `dist/apps/<app>/src/main.js` → `<app>`. */
function appNameFromEntry(): string {
  const entry = process.argv[1] ? resolve(process.argv[1]) : '';
  const srcDir = dirname(entry);
  return basename(srcDir) === 'src' ? basename(dirname(srcDir)) : basename(entry, '.js') || 'fleetlic';
}

const serviceName = process.env.OTEL_SERVICE_NAME || appNameFromEntry();
process.env.OTEL_SERVICE_NAME = serviceName; // the logger reads it too
// NodeSDK would otherwise default logs (and, when set, metrics) to OTLP; export only what is asked for.
process.env.OTEL_LOGS_EXPORTER ??= 'none';

const sdk = new NodeSDK({
  serviceName,
  textMapPropagator: new W3CTraceContextPropagator(),
  spanProcessors: spanProcessorsFromEnv(),
  metricReaders: [sharedPrometheusExporter()],
  instrumentations: [
    // Health probes would drown the traces that matter.
    new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => req.url === '/health' || req.url === '/metrics' }),
    // A span per body parser and middleware (five per license-server request) costs CPU on the
    // hot path and tells nothing the request handler's span does not.
    new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
    // Queries belong to a flow's trace; the outbox relays' and fire loops' polls have none.
    new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
  ],
});
sdk.start();

let flushing: Promise<void> | undefined;
/** Flushes at most 3 s; never keeps the process alive on its own. */
function flush(): Promise<void> {
  flushing ??= Promise.race([sdk.shutdown().catch(() => undefined), new Promise<void>((r) => setTimeout(r, 3_000).unref())]);
  return flushing;
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void flush().then(() => {
      // If the app registered its own handler it owns the exit; otherwise re-raise the signal
      // so the default action (exit) happens as if we had never listened.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  });
}

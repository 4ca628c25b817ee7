import { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { FileSpanExporter } from './file-span-exporter';

/**
 * Span processors chosen by the environment: OTEL_TRACES_EXPORTER (otlp, console, none;
 * comma-separated), otlp implied by OTEL_EXPORTER_OTLP_ENDPOINT alone, nothing by default;
 * plus FLEETLIC_TRACE_FILE, written synchronously so tests can read spans right away.
 */
export function spanProcessorsFromEnv(env: NodeJS.ProcessEnv = process.env): SpanProcessor[] {
  const listed = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const names = listed.length ? listed : env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? ['otlp'] : [];
  const processors: SpanProcessor[] = [];
  if (!names.includes('none')) {
    for (const name of names) {
      if (name === 'otlp') processors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
      else if (name === 'console') processors.push(new SimpleSpanProcessor(new ConsoleSpanExporter()));
      else process.stderr.write(`telemetry: unsupported OTEL_TRACES_EXPORTER value "${name}" ignored\n`);
    }
  }
  if (env.FLEETLIC_TRACE_FILE) processors.push(new SimpleSpanProcessor(new FileSpanExporter(env.FLEETLIC_TRACE_FILE)));
  return processors;
}

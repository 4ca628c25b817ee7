import { SpanStatusCode, trace, type Attributes, type SpanOptions } from '@opentelemetry/api';
import { redact } from './redact';

const tracer = () => trace.getTracer('@fleetlic/telemetry');

/**
 * Runs `fn` inside an active INTERNAL span (or `options.kind`); records a thrown error on the
 * span and rethrows it. Attributes pass through the secret redaction.
 */
export async function withSpan<T>(name: string, attributes: Attributes, fn: () => Promise<T> | T, options: SpanOptions = {}): Promise<T> {
  return tracer().startActiveSpan(name, { ...options, attributes: redact(attributes) as Attributes }, async (span) => {
    try {
      return await fn();
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      span.recordException({ name: e.name, message: e.message });
      span.setStatus({ code: SpanStatusCode.ERROR, message: e.message });
      throw err;
    } finally {
      span.end();
    }
  });
}

import { trace, isSpanContextValid } from '@opentelemetry/api';

/** The active trace and span ids, or {} outside a (valid) span. */
export function currentTraceIds(): { traceId?: string; spanId?: string } {
  const sc = trace.getActiveSpan()?.spanContext();
  if (!sc || !isSpanContextValid(sc)) return {};
  return { traceId: sc.traceId, spanId: sc.spanId };
}

import { appendFileSync } from 'node:fs';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { redact } from './redact';

/** The JSON line written for one span (the shape system tests read back). */
export interface SpanLine {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  service?: string;
  attributes: Record<string, unknown>;
  /** Epoch milliseconds (fractional). */
  startTime: number;
  endTime: number;
  status: { code: number; message?: string };
}

const toMs = ([s, ns]: [number, number]) => s * 1000 + ns / 1e6;

export function spanToLine(span: ReadableSpan): SpanLine {
  return {
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    name: span.name,
    kind: span.kind,
    service: span.resource.attributes['service.name'] as string | undefined,
    attributes: redact(span.attributes) as Record<string, unknown>,
    startTime: toMs(span.startTime),
    endTime: toMs(span.endTime),
    status: span.status,
  };
}

/**
 * Appends every span as one JSON line to a file. Synchronous on purpose: lines of several
 * processes interleave whole (appends under PIPE_BUF-ish sizes), and nothing is lost on exit.
 */
export class FileSpanExporter implements SpanExporter {
  constructor(private readonly path: string) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    try {
      appendFileSync(this.path, spans.map((s) => `${JSON.stringify(spanToLine(s))}\n`).join(''));
      done({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  async shutdown(): Promise<void> {}
  async forceFlush(): Promise<void> {}
}

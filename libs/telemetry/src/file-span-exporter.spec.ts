import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind, context, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { FileSpanExporter, type SpanLine } from './file-span-exporter';
import { spanProcessorsFromEnv } from './trace-exporters';

describe('FileSpanExporter', () => {
  it('appends each finished span as one JSON line, parent linked, secrets redacted', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'spans-')), 'spans.jsonl');
    const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'device-gateway' }), spanProcessors: [new SimpleSpanProcessor(new FileSpanExporter(path))] });
    const tracer = provider.getTracer('test');
    const parent = tracer.startSpan('POST /api/v1/switches', { kind: SpanKind.SERVER });
    const child = tracer.startSpan('publish', { kind: SpanKind.PRODUCER, attributes: { 'switch.id': 'abc', idToken: 'do-not-write' } }, trace.setSpan(context.active(), parent));
    child.end();
    parent.end();
    await provider.shutdown();

    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('do-not-write');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as SpanLine);
    expect(lines.map((l) => l.name)).toEqual(['publish', 'POST /api/v1/switches']);
    const [c, p] = lines;
    expect(c).toMatchObject({ traceId: p.traceId, parentSpanId: p.spanId, kind: SpanKind.PRODUCER, service: 'device-gateway', attributes: { 'switch.id': 'abc', idToken: '[REDACTED]' }, status: { code: 0 } });
    expect(p.parentSpanId).toBeUndefined();
    expect(c.endTime).toBeGreaterThanOrEqual(c.startTime);
  });
});

describe('spanProcessorsFromEnv', () => {
  it('exports nothing by default', () => {
    expect(spanProcessorsFromEnv({})).toHaveLength(0);
  });

  it('adds otlp when asked or when only an endpoint is set, plus the trace file', () => {
    expect(spanProcessorsFromEnv({ OTEL_TRACES_EXPORTER: 'otlp,console' })).toHaveLength(2);
    expect(spanProcessorsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toHaveLength(1);
    expect(spanProcessorsFromEnv({ OTEL_TRACES_EXPORTER: 'none', FLEETLIC_TRACE_FILE: '/tmp/x' })).toHaveLength(1);
  });
});

import type { SpanLine } from '@fleetlic/telemetry';

export const SPAN_KIND = { SERVER: 1, CLIENT: 2, PRODUCER: 3, CONSUMER: 4 } as const;

/** The chain of spans from `span` up to its trace's root, as far as the file holds them. */
export function ancestors(spans: SpanLine[], span: SpanLine): SpanLine[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain: SpanLine[] = [];
  let parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
  while (parent && chain.length < 100) {
    chain.push(parent);
    parent = parent.parentSpanId ? byId.get(parent.parentSpanId) : undefined;
  }
  return chain;
}

/** The gateway's HTTP server span of a request to `path` (method and route in its attributes or name). */
export function httpServerSpan(spans: SpanLine[], method: string, pathPart: string): SpanLine | undefined {
  return spans.find(
    (s) =>
      s.service === 'device-gateway' &&
      s.kind === SPAN_KIND.SERVER &&
      String(s.attributes['http.method'] ?? s.attributes['http.request.method'] ?? '') === method &&
      String(s.attributes['http.target'] ?? s.attributes['url.path'] ?? s.attributes['http.route'] ?? s.name).includes(pathPart),
  );
}

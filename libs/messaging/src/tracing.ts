import { trace } from '@opentelemetry/api';

/** The tracer of messaging spans; resolved lazily so the preload's provider is used when present. */
export const tracer = () => trace.getTracer('@fleetlic/messaging');

/** Semantic-convention attributes of a NATS operation. */
export function messagingAttributes(subject: string, extra: Record<string, string | number | undefined> = {}) {
  const attrs: Record<string, string | number> = { 'messaging.system': 'nats', 'messaging.destination.name': subject };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) attrs[k] = v;
  return attrs;
}

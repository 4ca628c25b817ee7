import type { Counter } from '@opentelemetry/api';
import { meter } from '@fleetlic/telemetry';

let counter: Counter | undefined;

/**
 * `fleetlic_commands_total{type}`, counted where the gateway publishes agent commands (single
 * commands in AgentClient, batches in CommandBatchSender). Made on first use, when the meter
 * provider is certainly registered (the metrics API has no proxy meter).
 */
export function countCommands(type: string, n = 1): void {
  counter ??= meter().createCounter('fleetlic_commands_total', { description: 'Agent commands by type.' });
  counter.add(n, { type });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { metrics, type Meter } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';

/** Set by the preload, which registers this reader with the NodeSDK's meter provider. */
const PROMETHEUS_KEY = Symbol.for('fleetlic.telemetry.prometheus');
type Holder = { [PROMETHEUS_KEY]?: PrometheusExporter };

/** A Prometheus reader that serves only through the app's own HTTP server (no second port). */
export function sharedPrometheusExporter(): PrometheusExporter {
  const g = globalThis as Holder;
  g[PROMETHEUS_KEY] ??= new PrometheusExporter({ preventServerStart: true });
  return g[PROMETHEUS_KEY];
}

/** The project's meter (a no-op meter until a meter provider is registered). */
export function meter(): Meter {
  return metrics.getMeter('fleetlic');
}

/**
 * An (req, res) handler that renders the metrics in Prometheus text format, for mounting at
 * `/metrics`. Without the preload (tests, scripts) it registers its own meter provider.
 */
export function createPrometheusHandler(): (req: IncomingMessage, res: ServerResponse) => void {
  const g = globalThis as Holder;
  const registeredByPreload = g[PROMETHEUS_KEY] !== undefined;
  const exporter = sharedPrometheusExporter();
  if (!registeredByPreload) metrics.setGlobalMeterProvider(new MeterProvider({ readers: [exporter] }));
  return (req, res) => exporter.getMetricsRequestHandler(req, res);
}

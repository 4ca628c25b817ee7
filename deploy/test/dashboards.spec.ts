// Grafana dashboards (deploy/grafana/*.json): every PromQL query names only metrics of
// deploy/metric-names.json, with only their labels; the panels the issue asks for are there.
// With FLEETLIC_METRICS_URL (a running gateway's /metrics) the list is checked against it too.
import { readdirSync } from 'node:fs';
import { parse } from 'yaml';
import metricNames from '../metric-names.json' with { type: 'json' };
import { path, readText, type Obj } from './deploy-files';

const METRICS: Record<string, { type: string; labels: string[] }> = metricNames.metrics;
const files = readdirSync(path('deploy/grafana')).filter((f) => f.endsWith('.json'));
const dashboards = files.map((f) => ({ file: f, json: JSON.parse(readText('deploy/grafana', f)) as Obj }));
const panelsOf = (d: Obj): Obj[] => (d.panels ?? []).flatMap((p: Obj) => [p, ...panelsOf(p)]);
const queries = dashboards.flatMap(({ file, json }) => panelsOf(json).flatMap((p) => (p.targets ?? []).map((t: Obj) => ({ file, panel: p.title as string, expr: t.expr as string, datasource: t.datasource ?? p.datasource }))));

const FUNCTIONS_AND_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan']);
const SERIES_SUFFIXES: Record<string, string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count'] };

/** The metric names and label names a PromQL expression uses. */
export function promqlNames(expr: string): { metrics: string[]; labels: string[] } {
  const labels: string[] = [];
  let rest = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\{([^}]*)\}/g, (_m, inner: string) => {
      for (const m of inner.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)/g)) labels.push(m[1]);
      return ' ';
    })
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g, (_m, _kw, inner: string) => {
      labels.push(...inner.split(',').map((s) => s.trim()).filter(Boolean));
      return ' ';
    });
  rest = rest.replace(/\b[a-zA-Z_][a-zA-Z0-9_:]*\s*\(/g, '(');
  const metrics = [...rest.matchAll(/\b[a-zA-Z_:][a-zA-Z0-9_:]*\b/g)].map((m) => m[0]).filter((t) => !FUNCTIONS_AND_KEYWORDS.has(t.toLowerCase()) && !/^\d/.test(t));
  return { metrics, labels };
}

/** The declared metric a series name belongs to (histograms expose _bucket, _sum, _count). */
function declaredMetric(series: string): string | undefined {
  if (METRICS[series] && !SERIES_SUFFIXES[METRICS[series].type]) return series;
  for (const [name, m] of Object.entries(METRICS)) {
    if ((SERIES_SUFFIXES[m.type] ?? []).some((suffix) => series === name + suffix)) return name;
  }
  return undefined;
}

describe('deploy/metric-names.json', () => {
  it('declares Prometheus-valid names with a type and labels', () => {
    for (const [name, m] of Object.entries(METRICS)) {
      expect(name).toMatch(/^fleetlic_[a-z0-9_]+$/);
      expect(['counter', 'gauge', 'histogram'], name).toContain(m.type);
      if (m.type === 'counter') expect(name).toMatch(/_total$/);
      for (const label of m.labels) expect(label).toMatch(/^[a-z_][a-z0-9_]*$/);
    }
  });
});

describe('the PromQL reader', () => {
  it('finds metrics and labels, not functions, keywords or label values', () => {
    const names = promqlNames('sum by (reason) (rate(fleetlic_cssm_failures_total{reason=~"a|b", kind!="x"}[5m])) / on (x) group_left foo offset 1h');
    expect(names.metrics).toEqual(['fleetlic_cssm_failures_total', 'foo']);
    expect(names.labels.sort()).toEqual(['kind', 'reason', 'reason', 'x']);
  });
});

describe.each(dashboards)('deploy/grafana/$file', ({ json }) => {
  it('is a dashboard with a uid, a title and panels', () => {
    expect(json.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(json.title).toBeTruthy();
    expect(panelsOf(json).filter((p) => p.type !== 'row').length).toBeGreaterThan(0);
  });
});

describe('dashboard queries', () => {
  const datasources = parse(readText('deploy/grafana/provisioning/datasources/datasources.yml')).datasources as Obj[];

  it('exist', () => {
    expect(queries.length).toBeGreaterThan(5);
  });

  it('use only the metrics of deploy/metric-names.json', () => {
    const unknown = queries.flatMap((q) => promqlNames(q.expr).metrics.filter((m) => !declaredMetric(m)).map((m) => `${q.file} "${q.panel}": ${m}`));
    expect(unknown).toEqual([]);
    for (const q of queries) expect(promqlNames(q.expr).metrics.length, `${q.panel}: ${q.expr}`).toBeGreaterThan(0);
  });

  it('use only the labels those metrics have', () => {
    const problems = queries.flatMap((q) => {
      const { metrics, labels } = promqlNames(q.expr);
      const allowed = new Set(['instance', 'job', ...metrics.flatMap((m) => {
        const declared = declaredMetric(m)!;
        return [...(METRICS[declared]?.labels ?? []), ...(m.endsWith('_bucket') ? ['le'] : [])];
      })]);
      return labels.filter((l) => !allowed.has(l)).map((l) => `${q.file} "${q.panel}": label ${l}`);
    });
    expect(problems).toEqual([]);
  });

  it('query every declared metric', () => {
    const used = new Set(queries.flatMap((q) => promqlNames(q.expr).metrics.map(declaredMetric)));
    expect(Object.keys(METRICS).filter((m) => !used.has(m))).toEqual([]);
  });

  it('use the provisioned Prometheus data source', () => {
    const prometheus = datasources.find((d) => d.type === 'prometheus')!;
    for (const q of queries) expect(q.datasource, q.panel).toEqual({ type: 'prometheus', uid: prometheus.uid });
  });

  it('cover the fleet by state, attempts and failures by reason, wake-up lag, throughput and consumer lag', () => {
    const has = (metric: string, label?: string) => queries.some((q) => q.expr.includes(metric) && (!label || promqlNames(q.expr).labels.includes(label)));
    expect(has('fleetlic_switches', 'registration')).toBe(true);
    expect(has('fleetlic_switches', 'authorization')).toBe(true);
    expect(has('fleetlic_cssm_attempts_total', 'kind')).toBe(true);
    expect(has('fleetlic_cssm_failures_total', 'reason')).toBe(true);
    expect(has('fleetlic_wakeup_lag_seconds_bucket', 'le')).toBe(true);
    expect(has('fleetlic_commands_total', 'type')).toBe(true);
    expect(has('fleetlic_events_total', 'name')).toBe(true);
    expect(has('fleetlic_consumer_pending', 'consumer')).toBe(true);
  });
});

// Against a running stack: FLEETLIC_METRICS_URL=http://127.0.0.1:3000/metrics npx vitest run --project unit deploy
describe.skipIf(!process.env.FLEETLIC_METRICS_URL)('a running gateway /metrics', () => {
  it('exports every declared metric with its type', async () => {
    const text = await (await fetch(process.env.FLEETLIC_METRICS_URL!)).text();
    const types = Object.fromEntries([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
    const missing = Object.entries(METRICS).filter(([name, m]) => types[name] !== m.type && types[name.replace(/_total$/, '')] !== m.type);
    expect(missing.map(([name]) => name)).toEqual([]);
  });
});

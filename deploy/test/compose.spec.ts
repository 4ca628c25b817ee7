// docker-compose.yml against the Compose Specification schema (vendored, validated with Ajv),
// pinned image tags, the services and their order, and every fleetlic variable against envSchema.
import { existsSync } from 'node:fs';
import { Ajv } from 'ajv';
import { envSchema } from '@fleetlic/contracts';
import { parse } from 'yaml';
import { composeDefault, envValueProblem, fleetlicServices, imageProblem, isKnownEnvName, loadCompose, path, readText, requiredEnvNames, SERVICES, type Obj } from './deploy-files';

const compose = loadCompose();
const services = compose.services as Obj;
const fleetlic = fleetlicServices(compose);
const environment = (s: Obj): Obj => (Array.isArray(s.environment) ? Object.fromEntries(s.environment.map((e: string) => e.split(/=(.*)/s).slice(0, 2))) : (s.environment ?? {}));
const longRunning = fleetlic.filter(([, s]) => SERVICES.includes(s.command?.[0]));

describe('docker-compose.yml', () => {
  it('validates against the Compose Specification schema', () => {
    const schema = JSON.parse(readText('deploy/schemas/compose-spec.json'));
    const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check catches a broken file', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
    const validate = ajv.compile(JSON.parse(readText('deploy/schemas/compose-spec.json')));
    expect(validate({ services: { x: { image: 'a:1.0.0', depends_on: { y: { condition: 'service_done' } } } } })).toBe(false);
    expect(validate({ services: { x: { image: 'a:1.0.0', restart_policy: 'always' } } })).toBe(false);
  });

  it('pins every image tag', () => {
    const problems = Object.entries(services).flatMap(([name, s]) => (s.image ? [imageProblem(s.image)].filter(Boolean).map((p) => `${name}: ${p}`) : [`${name}: no image`]));
    expect(problems).toEqual([]);
  });

  it('runs NATS 2.10+ with JetStream and PostgreSQL, both on volumes and health-checked', () => {
    expect(services.nats.image).toMatch(/^nats:2\.(1\d|[2-9]\d)\./);
    expect(services.nats.command).toContain('--jetstream');
    expect(services.nats.volumes.some((v: string) => v.endsWith(':/data'))).toBe(true);
    expect(services.postgres.volumes.some((v: string) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    for (const name of ['nats', 'postgres']) {
      expect(services[name].healthcheck?.test, name).toBeDefined();
      expect(compose.volumes).toHaveProperty(services[name].volumes[0].split(':')[0]);
    }
  });

  it('has the five services from the one image, two agents and two adapters', () => {
    const commands = longRunning.map(([, s]) => s.command[0]);
    for (const service of SERVICES) expect(commands, service).toContain(service);
    expect(services['licensing-agent'].deploy.replicas).toBe(2);
    expect(services['cssm-adapter'].deploy.replicas).toBe(2);
    expect(new Set(fleetlic.map(([, s]) => s.image)).size).toBe(1);
    expect(fleetlic.every(([, s]) => s.build?.dockerfile === 'deploy/Dockerfile' && s.build?.context === '.')).toBe(true);
  });

  it('runs the migrations once before every service', () => {
    expect(services.migrate.command).toEqual(['migrate']);
    expect(services.migrate.restart).toBe('no');
    for (const [name, s] of longRunning) {
      expect(s.depends_on?.migrate?.condition, name).toBe('service_completed_successfully');
    }
    const onprem = services['cssm-server-onprem'];
    expect(onprem.depends_on['migrate-onprem'].condition).toBe('service_completed_successfully');
    expect(environment(services['migrate-onprem']).FLEETLIC_CSSM_INSTANCE).toBe('onprem');
  });

  it('health-checks every long-running fleetlic service with deploy/healthcheck.mjs', () => {
    for (const [name, s] of longRunning) {
      expect(s.healthcheck?.test, name).toEqual(['CMD', 'node', 'deploy/healthcheck.mjs', s.command[0]]);
    }
  });

  it('runs an On-Prem license server whose upstream is the cloud one', () => {
    const env = environment(services['cssm-server-onprem']);
    expect(env.FLEETLIC_CSSM_MODE).toBe('onprem');
    expect(env.FLEETLIC_CSSM_INSTANCE).toBe('onprem');
    const upstream = new URL(env.FLEETLIC_ONPREM_UPSTREAM_URL);
    expect(services[upstream.hostname].command).toEqual(['cssm-server']);
    expect(environment(services[upstream.hostname]).FLEETLIC_CSSM_MODE).toBe('cloud');
  });

  it('sends traces to Jaeger over OTLP and shows its UI on 16686', () => {
    for (const [name, s] of longRunning) {
      const env = environment(s);
      expect(env.OTEL_EXPORTER_OTLP_ENDPOINT, name).toBe('http://jaeger:4318');
      expect(env.OTEL_TRACES_EXPORTER, name).toBe('otlp');
    }
    expect(services.jaeger.ports.join(' ')).toContain(':16686:16686');
    expect(environment(services.jaeger).COLLECTOR_OTLP_ENABLED).toBe('true');
  });

  it("has Prometheus scrape the gateway's /metrics from a provisioned config", () => {
    const mount = services.prometheus.volumes.find((v: string) => v.includes('/etc/prometheus/prometheus.yml'));
    const file = mount.split(':')[0];
    expect(existsSync(path(file))).toBe(true);
    const config = parse(readText(file));
    const job = config.scrape_configs.find((j: Obj) => j.static_configs.some((c: Obj) => c.targets.includes(`device-gateway:${environment(services['device-gateway']).FLEETLIC_GATEWAY_PORT}`)));
    expect(job?.metrics_path ?? '/metrics').toBe('/metrics');
  });

  it('has Grafana provisioned with the data sources and dashboards the repository holds', () => {
    const mounts: string[] = services.grafana.volumes;
    const provisioning = mounts.find((m) => m.endsWith(':/etc/grafana/provisioning:ro'))!.split(':')[0];
    const datasources = parse(readText(provisioning, 'datasources/datasources.yml')).datasources;
    expect(datasources.map((d: Obj) => d.type).sort()).toEqual(['jaeger', 'prometheus']);
    expect(datasources.find((d: Obj) => d.type === 'prometheus').url).toBe('http://prometheus:9090');
    const provider = parse(readText(provisioning, 'dashboards/dashboards.yml')).providers[0];
    const dashboards = mounts.find((m) => m.includes(`:${provider.options.path}`))!.split(':')[0];
    expect(existsSync(path(dashboards, 'fleetlic-fleet.json'))).toBe(true);
    const home = environment(services.grafana).GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
    expect(home.startsWith(provider.options.path)).toBe(true);
    expect(existsSync(path(dashboards, `.${home.slice(provider.options.path.length)}`))).toBe(true);
  });

  it('gives fleetlic services only variables the configuration schema knows', () => {
    const unknown = fleetlic.flatMap(([name, s]) => Object.keys(environment(s)).filter((k) => !isKnownEnvName(k)).map((k) => `${name}: ${k}`));
    expect(unknown).toEqual([]);
  });

  it('gives every variable a value the configuration schema accepts', () => {
    const problems = fleetlic.flatMap(([name, s]) =>
      Object.entries(environment(s)).flatMap(([k, v]) => {
        const value = composeDefault(v);
        return value === undefined ? [] : [envValueProblem(k, value)].filter(Boolean).map((p) => `${name}: ${p}`);
      }),
    );
    expect(problems).toEqual([]);
  });

  it('sets every required variable on every fleetlic service', () => {
    const required = requiredEnvNames();
    const missing = fleetlic.flatMap(([name, s]) => required.filter((k) => composeDefault(environment(s)[k]) === undefined).map((k) => `${name}: ${k}`));
    expect(missing).toEqual([]);
  });

  it('sets or documents every variable of the configuration schema', () => {
    const text = readText('docker-compose.yml');
    const absent = Object.keys(envSchema.shape).filter((k) => !text.includes(k));
    expect(absent).toEqual([]);
  });
});

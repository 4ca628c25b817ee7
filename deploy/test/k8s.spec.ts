// The rendered Kustomize overlays (kubectl kustomize, Kustomize v5): every object against the
// schema of its kind (the compiled OpenAPI schemas of kubernetes-models / @kubernetes-models/keda),
// then what a schema cannot say: probes, resources, pinned images, selectors that select,
// references that resolve, KEDA triggers on the real stream and consumer, env names and values.
import { subjects } from '@fleetlic/contracts';
import { envValueProblem, imageProblem, isKnownEnvName, kubectlAvailable, OVERLAYS, renderOverlay, requiredEnvNames, SERVICES, type Obj } from './deploy-files';

/** The module of kubernetes-models (or its KEDA package) that holds a kind's model and validator. */
function modelModule(apiVersion: string, kind: string): string {
  if (apiVersion.startsWith('keda.sh/')) return `@kubernetes-models/keda/${apiVersion}/${kind}`;
  return `kubernetes-models/${apiVersion}/${kind}`;
}

async function schemaErrors(object: Obj): Promise<string | undefined> {
  let mod: Obj;
  try {
    mod = await import(/* @vite-ignore */ modelModule(object.apiVersion, object.kind));
  } catch {
    return `${object.apiVersion} ${object.kind}: no schema for this kind`;
  }
  const Model = mod[object.kind];
  try {
    new Model(object).validate();
    return undefined;
  } catch (error) {
    return `${object.kind}/${object.metadata?.name}: ${(error as Error).message}`;
  }
}

const matches = (selector: Obj = {}, labels: Obj = {}) => Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
const containers = (workload: Obj): Obj[] => workload.spec.template.spec.containers;
const AGENT_STREAM = subjects('fleetlic').streams.agentCommands;
const AGENT_CONSUMER = subjects('fleetlic').consumers.agentCommands;

it('kubectl (with Kustomize) is on this machine', () => {
  expect(kubectlAvailable(), 'kubectl renders the overlays: apt-get install kubectl (the node-svc image has it)').toBe(true);
});

describe.each(OVERLAYS)('deploy/k8s/overlays/%s', (overlay) => {
  const objects = kubectlAvailable() ? renderOverlay(overlay) : [];
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const named = (kind: string, name: string) => of(kind).find((o) => o.metadata.name === name);
  const deployments = of('Deployment');
  const workloads = [...deployments, ...of('Job')];

  it('renders', () => {
    expect(objects.length).toBeGreaterThan(10);
    expect(new Set(objects.map((o) => o.metadata.namespace)).size, 'one namespace').toBe(1);
  });

  it("validates every object against its kind's schema", async () => {
    const problems = (await Promise.all(objects.map(schemaErrors))).filter(Boolean);
    expect(problems).toEqual([]);
  });

  it('the schema check catches a broken object', async () => {
    const broken = structuredClone(named('Deployment', 'device-gateway'));
    broken.spec.template.spec.containers[0].resources.limits.cpu = 'lots';
    broken.spec.template.spec.containers[0].ports[0].containerPort = '3000';
    expect(await schemaErrors(broken)).toMatch(/containerPort must be integer/);
    expect(await schemaErrors({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toMatch(/no schema/);
  });

  it('has a Deployment per service and a PodDisruptionBudget for each', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...SERVICES].sort());
    for (const d of deployments) {
      expect(matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels), `${d.metadata.name} selector`).toBe(true);
      const pdb = of('PodDisruptionBudget').find((p) => matches(p.spec.selector.matchLabels, d.spec.template.metadata.labels));
      expect(pdb, `PDB of ${d.metadata.name}`).toBeDefined();
    }
  });

  it('runs each service with the command that picks it, from a pinned image', () => {
    for (const d of deployments) {
      const [c] = containers(d);
      expect(c.args, d.metadata.name).toEqual([d.metadata.name]);
    }
    const images = workloads.flatMap((w) => containers(w).map((c) => c.image));
    expect(images.map(imageProblem).filter(Boolean)).toEqual([]);
    expect(new Set(images).size, 'one image').toBe(1);
  });

  it('probes every service: /health over HTTP(S), the NATS health request for workers', () => {
    for (const d of deployments) {
      const [c] = containers(d);
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        const p = c[probe];
        expect(p, `${d.metadata.name} ${probe}`).toBeDefined();
        if (p.httpGet) {
          expect(p.httpGet.path).toBe('/health');
          expect(c.ports.map((port: Obj) => port.name)).toContain(p.httpGet.port);
        } else {
          expect(p.exec.command, `${d.metadata.name} ${probe}`).toEqual(['node', 'deploy/healthcheck.mjs', d.metadata.name]);
        }
      }
    }
    expect(containers(named('Deployment', 'cssm-server'))[0].readinessProbe.httpGet.scheme).toBe('HTTPS');
    expect(containers(named('Deployment', 'device-gateway'))[0].readinessProbe.httpGet).toBeDefined();
  });

  it('sets CPU and memory requests and limits, and runs unprivileged', () => {
    for (const w of workloads) {
      expect(w.spec.template.spec.securityContext.runAsNonRoot, w.metadata.name).toBe(true);
      for (const c of containers(w)) {
        for (const bound of ['requests', 'limits']) {
          expect(Object.keys(c.resources?.[bound] ?? {}).sort(), `${w.metadata.name} ${bound}`).toEqual(['cpu', 'memory']);
        }
        expect(c.securityContext.allowPrivilegeEscalation, w.metadata.name).toBe(false);
      }
    }
  });

  it('runs the migrations in a Job', () => {
    const jobs = of('Job');
    expect(jobs).toHaveLength(1);
    expect(containers(jobs[0])[0].args).toEqual(['migrate']);
    expect(jobs[0].spec.template.spec.restartPolicy).toMatch(/OnFailure|Never/);
  });

  it('runs two schedulers or more in production', () => {
    const replicas = named('Deployment', 'scheduler').spec.replicas;
    expect(replicas).toBe(overlay === 'production' ? 2 : 1);
  });

  it('exposes the gateway through a Service and an Ingress that resolve to its pods', () => {
    const gateway = named('Deployment', 'device-gateway');
    const service = of('Service').find((s) => matches(s.spec.selector, gateway.spec.template.metadata.labels));
    expect(service).toBeDefined();
    const portNames = containers(gateway)[0].ports.map((p: Obj) => p.name);
    for (const p of service.spec.ports) expect(portNames).toContain(p.targetPort);
    const ingress = named('Ingress', 'device-gateway');
    const backend = ingress.spec.rules[0].http.paths[0].backend.service;
    expect(backend.name).toBe(service.metadata.name);
    expect(service.spec.ports.map((p: Obj) => p.name)).toContain(backend.port.name);
    if (overlay === 'production') expect(ingress.spec.tls?.[0]?.hosts).toContain(ingress.spec.rules[0].host);
  });

  it('selects pods with every Service that has a selector', () => {
    for (const s of of('Service').filter((svc) => svc.spec.type !== 'ExternalName')) {
      expect(deployments.some((d) => matches(s.spec.selector, d.spec.template.metadata.labels)), s.metadata.name).toBe(true);
    }
  });

  it('references NATS and PostgreSQL as external services', () => {
    const external = of('Service').filter((s) => s.spec.type === 'ExternalName');
    expect(external.map((s) => s.metadata.name).sort()).toEqual(['nats', 'postgresql']);
    const config = of('ConfigMap').find((c) => c.metadata.name.startsWith('fleetlic-config'))!;
    expect(new URL(config.data.NATS_URL).hostname).toBe('nats');
  });

  it('scales licensing-agent and cssm-adapter with KEDA on the agent command consumer', () => {
    for (const name of ['licensing-agent', 'cssm-adapter']) {
      const scaled = named('ScaledObject', name);
      expect(scaled?.spec.scaleTargetRef.name, name).toBe(name);
      expect(named('Deployment', name).spec.replicas, `${name}: KEDA owns the replicas`).toBeUndefined();
      expect(scaled.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
      expect(scaled.spec.maxReplicaCount).toBeGreaterThan(scaled.spec.minReplicaCount);
      const trigger = scaled.spec.triggers.find((t: Obj) => t.type === 'nats-jetstream');
      expect(trigger.metadata).toMatchObject({ stream: AGENT_STREAM, consumer: AGENT_CONSUMER });
      expect(Number(trigger.metadata.lagThreshold)).toBeGreaterThan(0);
      expect(trigger.metadata.natsServerMonitoringEndpoint).toMatch(/:8222$/);
    }
  });

  it('resolves every ConfigMap and Secret a workload reads (production: the Secret is made outside git)', () => {
    for (const w of workloads) {
      for (const ref of containers(w).flatMap((c) => c.envFrom ?? [])) {
        if (ref.configMapRef) expect(named('ConfigMap', ref.configMapRef.name), ref.configMapRef.name).toBeDefined();
        if (ref.secretRef) expect(Boolean(named('Secret', ref.secretRef.name)), ref.secretRef.name).toBe(overlay !== 'production');
      }
    }
  });

  it('names only variables the configuration schema knows, with values it accepts', () => {
    const vars: [string, string, string | undefined][] = [];
    for (const c of [...of('ConfigMap'), ...of('Secret')]) for (const [k, v] of Object.entries({ ...c.data, ...c.stringData })) vars.push([c.metadata.name, k, String(v)]);
    for (const w of workloads) for (const c of containers(w)) for (const e of c.env ?? []) vars.push([w.metadata.name, e.name, e.value]);
    expect(vars.filter(([, k]) => !isKnownEnvName(k)).map(([where, k]) => `${where}: ${k}`)).toEqual([]);
    expect(vars.flatMap(([where, k, v]) => (v === undefined ? [] : [envValueProblem(k, v)].filter(Boolean).map((p) => `${where}: ${p}`)))).toEqual([]);
  });

  it('sets every required variable', () => {
    const set = new Set<string>();
    for (const c of [...of('ConfigMap'), ...of('Secret')]) for (const k of Object.keys({ ...c.data, ...c.stringData })) set.add(k);
    if (overlay === 'production') ['DATABASE_URL', 'FLEETLIC_API_KEYS', 'FLEETLIC_CSSM_CLIENT_ID', 'FLEETLIC_CSSM_CLIENT_SECRET'].forEach((k) => set.add(k));
    expect(requiredEnvNames().filter((k) => !set.has(k))).toEqual([]);
    expect(set.has('DATABASE_URL') && set.has('NATS_URL')).toBe(true);
  });
});

// Shared readers for the deploy tests: the compose file (YAML merge keys resolved, as compose
// does), the rendered Kustomize overlays, and the checks of environment variables against the
// services' configuration schema.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { envSchema } from '@fleetlic/contracts';
import { parse, parseAllDocuments } from 'yaml';

export const root = resolve(import.meta.dirname, '../..');
export const path = (...parts: string[]) => resolve(root, ...parts);
export const readText = (...parts: string[]) => readFileSync(path(...parts), 'utf8');

/** The five long-running services of the design, as the image's entry point names them. */
export const SERVICES = ['cssm-server', 'cssm-adapter', 'licensing-agent', 'scheduler', 'device-gateway'] as const;

export type Obj = Record<string, any>;

export function loadCompose(): Obj {
  return parse(readText('docker-compose.yml'), { merge: true });
}

/** The compose services that run the fleetlic image (built from deploy/Dockerfile). */
export function fleetlicServices(compose: Obj): [string, Obj][] {
  return Object.entries(compose.services as Obj).filter(([, s]) => s.build?.dockerfile === 'deploy/Dockerfile' || String(s.image).startsWith('fleetlic:'));
}

export const OVERLAYS = ['dev', 'production'] as const;

/** `kubectl kustomize` of an overlay, one object per document. */
export function renderOverlay(overlay: string): Obj[] {
  const out = execFileSync('kubectl', ['kustomize', path('deploy/k8s/overlays', overlay)], { encoding: 'utf8', timeout: 30_000 });
  return parseAllDocuments(out)
    .map((d) => d.toJSON())
    .filter(Boolean);
}

export function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** A name a fleetlic process may be given: a key of envSchema, or a standard OTEL_* / NODE_* one. */
export function isKnownEnvName(name: string): boolean {
  return name in envSchema.shape || /^OTEL_[A-Z0-9_]+$/.test(name) || /^NODE_[A-Z0-9_]+$/.test(name);
}

/** The envSchema keys that have neither a default nor .optional(): a deployment must set them. */
export function requiredEnvNames(): string[] {
  return Object.entries(envSchema.shape)
    .filter(([, field]) => !(field as any).safeParse(undefined).success)
    .map(([name]) => name);
}

/** A compose value with `${NAME:-default}` / `${NAME-default}` resolved to its default, or undefined when it has none. */
export function composeDefault(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  let missing = false;
  const text = String(value).replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_m, _name, fallback) => {
    if (fallback === undefined) missing = true;
    return fallback ?? '';
  });
  return missing ? undefined : text;
}

/** Why a value is wrong for that variable according to envSchema, or undefined when it is fine. */
export function envValueProblem(name: string, value: string): string | undefined {
  const field = (envSchema.shape as Obj)[name];
  if (!field) return undefined;
  const result = field.safeParse(value);
  return result.success ? undefined : `${name}=${value}: ${result.error.issues[0]?.message}`;
}

/** Image references are pinned: an explicit version tag (not latest, not a bare major) or a digest. */
export function imageProblem(image: string): string | undefined {
  if (/@sha256:[a-f0-9]{64}$/.test(image)) return undefined;
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  if (colon <= slash) return `${image}: no tag`;
  const tag = image.slice(colon + 1);
  if (tag === 'latest' || tag === 'stable' || tag === 'edge') return `${image}: floating tag "${tag}"`;
  if (!/^v?\d+\.\d+(\.\d+)?([-.][A-Za-z0-9.-]+)?$/.test(tag)) return `${image}: tag "${tag}" is not an exact version`;
  return undefined;
}

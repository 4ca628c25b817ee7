import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import tsconfig from './tsconfig.base.json' with { type: 'json' };

// The @fleetlic/* aliases of tsconfig.base.json, for Vite's resolver.
const alias = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([name, [path]]) => [name, resolve(import.meta.dirname, path)]),
);

// SWC instead of esbuild: esbuild emits no decorator metadata, which Nest's injection needs.
const plugins = [swc.vite({ jsc: { transform: { legacyDecorator: true, decoratorMetadata: true } } })];

export default defineConfig({
  plugins,
  resolve: { alias },
  test: {
    globals: true,
    projects: [
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'unit',
          globals: true,
          include: ['{apps,libs}/**/*.spec.ts', 'deploy/**/*.spec.ts'],
          exclude: ['**/*.medium.spec.ts', '**/*.system.spec.ts', '**/node_modules/**'],
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'medium',
          globals: true,
          include: ['{apps,libs}/**/*.medium.spec.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'system',
          globals: true,
          include: ['{apps,libs,deploy}/**/*.system.spec.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
    coverage: {
      provider: 'v8',
      include: ['libs/licensing-domain/src/**/*.ts'],
      exclude: ['**/*.spec.ts', '**/index.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: { lines: 95 },
    },
  },
});

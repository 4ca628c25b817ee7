// Lint with module boundaries: libs never import apps; licensing-domain imports only contracts
// (and no framework, no I/O); contracts imports no other fleetlic lib.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const apps = ['**/apps/**', '../../apps/**'];
const otherLibs = ['@fleetlic/messaging', '@fleetlic/persistence', '@fleetlic/telemetry', '@fleetlic/clock', '@fleetlic/testing', '@fleetlic/licensing-domain'];

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', '.node/**', '.nx/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: apps, message: 'A lib never imports an app.' }] }],
    },
  },
  {
    files: ['libs/licensing-domain/**/*.ts'],
    ignores: ['libs/licensing-domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: apps, message: 'A lib never imports an app.' },
          { group: otherLibs, message: 'licensing-domain imports only @fleetlic/contracts.' },
          { group: ['@nestjs/*', 'typeorm', 'pg', '@nats-io/*', '@opentelemetry/*', 'node:*', 'fs', 'http', 'https', 'net', 'dns', 'crypto'], message: 'licensing-domain is pure: no framework, no I/O.' },
        ],
      }],
    },
  },
  {
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...apps, ...otherLibs], message: 'contracts imports no other fleetlic lib.' }] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', AbortController: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable' } },
  },
);

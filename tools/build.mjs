// Compiles every TypeScript file of apps/ and libs/ (tests excluded) to dist/ with SWC.
// SWC keeps decorator metadata (Nest's injection needs it) and rewrites the @fleetlic/* path
// aliases of tsconfig.base.json to relative requires, so `node dist/...` runs without a loader.
import { transformFile } from '@swc/core';
import { readFileSync, mkdirSync, writeFileSync, readdirSync, statSync, renameSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'dist');
const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

const isTest = (f) => /\.(spec|test)\.ts$/.test(f) || f.includes('/test/') || f.endsWith('.d.ts');
function walk(dir, files = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(p).isDirectory()) walk(p, files);
    else if (p.endsWith('.ts') && !isTest(p)) files.push(p);
  }
  return files;
}

const started = Date.now();
const files = ['apps', 'libs', 'bench'].flatMap((d) => walk(join(root, d)));
const options = {
  sourceMaps: true,
  module: { type: 'commonjs' },
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
    baseUrl: root,
    paths: tsconfig.compilerOptions.paths,
  },
};
await Promise.all(
  files.map(async (file) => {
    const { code, map } = await transformFile(file, { ...options, filename: file });
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    // Written then renamed, so a service starting from dist/ during a rebuild never reads half a file.
    writeFileSync(`${target}.${process.pid}.tmp`, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    renameSync(`${target}.${process.pid}.tmp`, target);
    if (map) writeFileSync(`${target}.map`, map);
  }),
);
// Non-TypeScript assets that services read at run time (SQL, YAML) are copied as they are.
console.log(`built ${files.length} files into dist/ in ${Date.now() - started} ms`);

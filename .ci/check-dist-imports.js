// Usage: node .ci/check-dist-imports.js <app directory>
// Lists the bare package imports (static and dynamic) of every server-side file in
// <app>/dist (the browser bundles in dist/client are self-contained) and fails when one is
// not installed in <app>/node_modules — after `npm ci --omit=dev`, that is a runtime import
// of a devDependency or of a package missing from package.json.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';

const app = process.argv[2];
if (!app) throw new Error('usage: node .ci/check-dist-imports.js <app directory>');
const dist = join(app, 'dist');
const files = readdirSync(dist, { recursive: true })
  .map(String)
  .filter((file) => /\.m?js$/.test(file) && !file.startsWith('client'));
if (files.length === 0) throw new Error(`no server bundle in ${dist}`);

// esbuild writes external imports as `import … from "x"`, `export … from "x"`, `import "x"`
// and `import("x")`.
const pattern =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;
const specifiers = new Set();
for (const file of files)
  for (const match of readFileSync(join(dist, file), 'utf8').matchAll(pattern))
    specifiers.add(match[1] ?? match[2] ?? match[3]);

const packages = new Set(
  [...specifiers]
    .filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:'))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]))
    .filter((name) => !builtinModules.includes(name)),
);
const missing = [...packages].filter(
  (name) => !existsSync(join(app, 'node_modules', name, 'package.json')),
);
if (missing.length > 0) {
  process.stdout.write(
    `FAIL: ${files.join(', ')} import packages not installed: ${missing.join(', ')}\n`,
  );
  process.exit(1);
}
process.stdout.write(`${files.join(', ')}: ${packages.size} imported packages, all installed.\n`);

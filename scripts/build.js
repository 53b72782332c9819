// Builds what `npm start` runs: the server as one ESM bundle (dist/cli.js; npm packages stay
// external), the content format's worker thread (dist/markdown-worker.mjs, which
// src/interchange/markdown/pool.ts loads from beside the server bundle) and the browser
// scripts (dist/client/*.js). Takes about a second with esbuild.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Keep in sync with clientEntries in src/http/plugins/assets.ts.
const clientEntries = {
  embed: 'src/client/embed.ts',
  translate: 'src/client/translate/main.tsx',
  author: 'src/client/author/main.ts',
  import: 'src/client/import/main.ts',
};

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});
await build({
  entryPoints: ['src/interchange/markdown/worker.ts'],
  outfile: 'dist/markdown-worker.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
await build({
  entryPoints: Object.fromEntries(Object.entries(clientEntries)),
  outdir: 'dist/client',
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});

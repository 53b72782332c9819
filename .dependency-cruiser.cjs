/**
 * The layer rule of STYLE.md, enforced by `npm run check`:
 *   domain ← services ← {db, integrations, interchange} ← {http, jobs} ← main/cli
 * plus: only db/ imports kysely, only http/ imports fastify.
 */
const layer = (name) => `^src/${name}/`;
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports nothing of ours outside domain/',
      severity: 'error',
      from: { path: layer('domain') },
      to: { path: '^src/', pathNot: layer('domain') },
    },
    {
      name: 'services-depend-on-domain-only',
      severity: 'error',
      from: { path: layer('services') },
      to: { path: '^src/', pathNot: [layer('domain'), layer('services')] },
    },
    {
      name: 'adapters-do-not-reach-up',
      comment:
        'db, integrations, interchange implement ports; they never import http, jobs, views or each other',
      severity: 'error',
      from: { path: '^src/(db|integrations|interchange)/' },
      to: { path: '^src/(http|jobs|views|client|main|cli)' },
    },
    {
      name: 'adapters-are-independent',
      severity: 'error',
      from: { path: '^src/(db)/' },
      to: { path: '^src/(integrations|interchange)/' },
    },
    {
      name: 'views-are-presentational',
      severity: 'error',
      from: { path: layer('views') },
      to: { path: '^src/(db|integrations|http|jobs|services)/' },
    },
    {
      name: 'only-db-imports-kysely',
      severity: 'error',
      from: { path: '^src/', pathNot: layer('db') },
      to: {
        path: 'node_modules/(kysely|better-sqlite3|pg|@electric-sql/pglite|kysely-pglite-dialect)/',
      },
    },
    {
      name: 'only-http-imports-fastify',
      severity: 'error',
      from: { path: '^src/', pathNot: [layer('http'), '^src/main\\.ts$'] },
      to: { path: 'node_modules/(fastify|@fastify/)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};

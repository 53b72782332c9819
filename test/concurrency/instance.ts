/**
 * One instance starting on a database, as a separate process (SQLite connections in one
 * process cannot wait for each other's write lock without blocking the event loop):
 *   node --import tsx test/concurrency/instance.ts DATABASE_URL MEDIA_DIR
 * Migrates (createRuntime), seeds the demo unless the site has users, and prints one JSON
 * line: {"ok":true,"seeded":true|false,"users":N} or {"ok":false,"error":"…"}.
 */
import { loadEnv } from '../../src/config/env.js';
import { loadDemoAssets } from '../../src/demo/assets.js';
import { createRuntime } from '../../src/main.js';
import { seedDemoOnce } from '../../src/services/demo/seed-demo.service.js';

const [databaseUrl = '', mediaDir = ''] = process.argv.slice(2);
try {
  const runtime = await createRuntime(
    loadEnv({
      DATABASE_URL: databaseUrl,
      MEDIA_DIR: mediaDir,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'never',
    }),
    { log: () => undefined },
  );
  try {
    const seeded = await seedDemoOnce(runtime.deps, await loadDemoAssets(), {
      adminPassword: 'correct horse battery',
    });
    const users = await runtime.deps.store.users.count();
    console.log(JSON.stringify({ ok: true, seeded: seeded !== null, users }));
  } finally {
    await runtime.close();
  }
} catch (error) {
  console.log(
    JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
  process.exitCode = 1;
}

/**
 * The `polyphony` command: serve | migrate | seed-demo | create-admin | failed-jobs |
 * export-xliff | import-xliff | check-xliff | backup | restore | export | export-static |
 * import-wxr.
 * `serve` (what `npm start` runs) migrates, seeds demo content into an empty database,
 * listens, and prints the URL and, on first start, an admin sign-in.
 */
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadEnv } from './config/env.js';
import { loadDemoAssets } from './demo/assets.js';
import { runPrimary } from './cluster/primary.js';
import { runWorker } from './cluster/worker.js';
import { createRuntime, serve } from './main.js';
import type { Runtime } from './main.js';
import { createUser } from './services/auth/auth.service.js';
import { seedDemoOnce } from './services/demo/seed-demo.service.js';
import { backupCommand, restoreCommand } from './cli/backup-commands.js';
import { exportCommand } from './cli/export-commands.js';
import { importWxrCommand } from './cli/import-commands.js';
import { staticExportCommand } from './cli/static-export-command.js';
import { stopOnSignals } from './cli/shutdown.js';
import { checkXliff, exportXliff, importXliff } from './cli/xliff-commands.js';

const usage = `Usage: polyphony <command>

Commands:
  serve          migrate, seed demo content if the database is empty, and serve the site
  migrate        apply database migrations and exit
  seed-demo      add the demo site to an empty database
  create-admin   create an administrator: --username NAME --email ADDRESS [--password P]
                 (a strong password is generated and printed when none is given)
  failed-jobs    list the background jobs parked as failed (attempts used up), with their last error
  export-xliff   POST LANG [--format xliff2|xliff12|po] [--out FILE]: a translation as XLIFF 2.0, 1.2 or PO
  import-xliff   FILE --user NAME: apply an XLIFF 2.0, XLIFF 1.2 or PO file as that translator
  check-xliff    FILE: validate an XLIFF 2.0 file (exit 0 valid, 1 with located errors)
  backup         FILE: a consistent snapshot of the database and media (the site may be running)
  restore        FILE: fill the empty database of DATABASE_URL (SQLite or PostgreSQL) from a backup
  export         --format json|markdown|wxr DIR: everything the site holds, into a new or empty DIR
  export-static  DIR [--incremental] [--quiet]: every public page in every language, feeds,
                 sitemap, robots.txt, assets and media as files for a static server (nginx);
                 --incremental updates an earlier export, writing only the files that changed
  import-wxr     FILE [--uploads DIR] [--user ADMIN] [--report FILE] [--quiet]: a WordPress export
                 (with Polylang or WPML translations) into this site; safe to run again

Environment: PORT (3000), HOST (127.0.0.1), DATABASE_URL (sqlite:./data/polyphony.db or postgres://…),
MEDIA_DIR, PUBLIC_URL, SMTP_URL, MAIL_FROM, LOG_LEVEL, WORKERS (1, a count or auto: processes serving HTTP).`;

async function seedIfEmpty(
  runtime: Runtime,
): Promise<{ username: string; password: string } | null> {
  if ((await runtime.deps.store.users.count()) > 0) return null;
  const password = randomBytes(12).toString('base64url');
  // Once across instances starting at the same time (the others find the site seeded).
  const result = await seedDemoOnce(runtime.deps, await loadDemoAssets(), {
    adminPassword: password,
  });
  return result ? { username: result.adminUsername, password } : null;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const env = loadEnv();
  switch (command) {
    case 'serve': {
      if (cluster.isWorker) {
        await runWorker(env);
        return -1;
      }
      const runtime = await createRuntime(env);
      const admin = env.SEED_DEMO === 'auto' ? await seedIfEmpty(runtime) : null;
      const driver = runtime.database.driver;
      const announce = (url: string) => {
        console.log(`\nPolyphony is running at ${url}`);
        console.log(
          `Database: ${driver} (${env.DATABASE_URL.startsWith('sqlite:') ? env.DATABASE_URL : 'server'})`,
        );
        if (env.WORKERS > 1) console.log(`Workers: ${env.WORKERS} processes`);
        if (admin) {
          console.log(`Demo content was added. Sign in at ${url}signin as`);
          console.log(`  user name: ${admin.username}`);
          console.log(`  password:  ${admin.password}`);
          console.log(
            '(shown once; run `npm run polyphony -- create-admin` to make another administrator)\n',
          );
        }
      };
      if (env.WORKERS > 1) {
        // Migrated and seeded once, here; the workers open their own connections.
        await runtime.close();
        runPrimary({ workers: env.WORKERS, onListening: announce });
        return -1;
      }
      const server = await serve(runtime, env);
      announce(server.url);
      stopOnSignals(() => server.stop());
      return -1;
    }
    case 'migrate': {
      const runtime = await createRuntime(env);
      console.log('Database is up to date.');
      await runtime.close();
      return 0;
    }
    case 'seed-demo': {
      const runtime = await createRuntime(env);
      try {
        const admin = await seedIfEmpty(runtime);
        if (!admin) {
          console.error(
            'The database already has users; demo content is only added to an empty site.',
          );
          return 1;
        }
        console.log(`Demo content added. Admin sign-in: ${admin.username} / ${admin.password}`);
        return 0;
      } finally {
        await runtime.close();
      }
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          email: { type: 'string' },
          password: { type: 'string' },
          name: { type: 'string' },
        },
      });
      if (!values.username || !values.email) {
        console.error('create-admin needs --username and --email');
        return 2;
      }
      const password = values.password ?? randomBytes(12).toString('base64url');
      const runtime = await createRuntime(env);
      try {
        await createUser(
          runtime.deps,
          {
            username: values.username,
            displayName: values.name ?? values.username,
            email: values.email,
            password,
          },
          ['admin'],
        );
        console.log(
          `Administrator ${values.username} created.${values.password ? '' : ` Password: ${password}`}`,
        );
        return 0;
      } finally {
        await runtime.close();
      }
    }
    case 'failed-jobs': {
      const runtime = await createRuntime(env);
      try {
        const failed = await runtime.deps.store.jobs.failed(100);
        if (failed.length === 0) console.log('No job is parked as failed.');
        for (const job of failed)
          console.log(
            `${job.failedAt ?? ''}  ${job.kind}  ${job.id}  after ${job.attempts} attempts: ${job.lastError ?? ''}`,
          );
        return failed.length === 0 ? 0 : 1;
      } finally {
        await runtime.close();
      }
    }
    case 'export-xliff':
      return exportXliff(rest, env);
    case 'import-xliff':
      return importXliff(rest, env);
    case 'check-xliff':
      return checkXliff(rest);
    case 'backup':
      return backupCommand(rest, env);
    case 'restore':
      return restoreCommand(rest, env);
    case 'export':
      return exportCommand(rest, env);
    case 'export-static':
      return staticExportCommand(rest, env);
    case 'import-wxr':
      return importWxrCommand(rest, env);
    default:
      console.log(usage);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);

/**
 * A real nginx (Debian's nginx-light, /usr/sbin/nginx) serving a directory on a free loopback
 * port, as a child process in the foreground (`daemon off;`) with its configuration, pid file,
 * logs and temporary files in a directory of its own. `server` is the server block under test
 * (the static export's README snippet), with its `listen` and `root` lines replaced.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const NGINX = '/usr/sbin/nginx';
const MIME_TYPES = '/etc/nginx/mime.types';

/** True when nginx can be started here. */
export function nginxAvailable(): boolean {
  try {
    accessSync(NGINX, constants.X_OK);
    return existsSync(MIME_TYPES);
  } catch {
    return false;
  }
}

/** A loopback port nothing listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningNginx {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  origin: string;
  stop(): Promise<void>;
}

/**
 * Starts nginx serving `root` with `server` (a `server { … }` block whose `listen` and `root`
 * lines are replaced) inside an `http` block that includes Debian's mime.types, as an
 * nginx.conf usually does. Fails with nginx's own message when the configuration is wrong.
 */
export async function startNginx(options: {
  root: string;
  workDir: string;
  server: string;
}): Promise<RunningNginx> {
  const port = await freePort();
  const server = options.server
    .replace(/^(\s*)listen\s+[^;]+;/m, `$1listen 127.0.0.1:${port};`)
    .replace(/^(\s*)root\s+[^;]+;/m, `$1root ${options.root};`);
  if (!server.includes(`listen 127.0.0.1:${port};`) || !server.includes(`root ${options.root};`))
    throw new Error('the server block has no listen or root line to replace');
  const work = options.workDir;
  const conf = join(work, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${join(work, 'nginx.pid')};
error_log ${join(work, 'error.log')} warn;
events { worker_connections 64; }
http {
  include ${MIME_TYPES};
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${join(work, 'client_body')};
  proxy_temp_path ${join(work, 'proxy')};
  fastcgi_temp_path ${join(work, 'fastcgi')};
  uwsgi_temp_path ${join(work, 'uwsgi')};
  scgi_temp_path ${join(work, 'scgi')};
${server}
}
`,
  );
  execFileSync(NGINX, ['-t', '-q', '-e', join(work, 'error.log'), '-p', work, '-c', conf], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 10_000,
  });
  const child: ChildProcess = spawn(
    NGINX,
    ['-e', join(work, 'error.log'), '-p', work, '-c', conf],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
    try {
      await fetch(`${origin}/`);
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    origin,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
    },
  };
}

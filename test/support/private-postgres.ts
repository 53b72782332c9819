/**
 * A PostgreSQL server of our own, to restart for real (issue 12: "restart PostgreSQL during
 * the load"). The machine's shared server is used by every other suite and cannot be
 * restarted under them, so this makes a throwaway cluster with Debian's `initdb` in a
 * temporary directory, starts it with `pg_ctl` on a free loopback port (trust auth, like the
 * shared one), and restarts it with `pg_ctl restart -m fast`: the postmaster stops, every
 * connection is closed by the server, and a new server process accepts connections on the
 * same port, which is what a package upgrade or a crash-restart does.
 *
 * initdb refuses to run as root: as root the commands run as the `postgres` user.
 * `privatePostgresMissing()` says what is missing (null when it can run).
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const ROOT = '/usr/lib/postgresql';

function binDir(): string | null {
  if (!existsSync(ROOT)) return null;
  const versions = readdirSync(ROOT)
    .filter((v) => existsSync(join(ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest ? join(ROOT, newest, 'bin') : null;
}

/** Why a private server cannot be made here, or null when it can. */
export function privatePostgresMissing(): string | null {
  if (!binDir())
    return `no initdb under ${ROOT}/*/bin (install Debian's postgresql package: apt-get install postgresql)`;
  if (userInfo().uid === 0) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root without a postgres user to run initdb as';
    }
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  /** The URL of database `name` on this server. */
  urlOf(name: string): string;
  /**
   * Stops the server (fast: connections are closed) and starts it again on the same port;
   * resolves once it accepts connections. Asynchronous, so the instances' event loops see
   * their connections close while it runs, as they would in production.
   */
  restart(): Promise<void>;
  /** Stops the server (fast) and leaves it down until `resume()`. */
  halt(): Promise<void>;
  /** Starts a halted server again; resolves once it accepts connections. */
  resume(): Promise<void>;
  /** Stops it and removes its files. */
  stop(): void;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const missing = privatePostgresMissing();
  if (missing) throw new Error(`cannot start a private PostgreSQL server: ${missing}`);
  const bin = binDir()!;
  const asRoot = userInfo().uid === 0;
  const command = (name: string, args: string[]): [string, string[]] =>
    asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, name), ...args]]
      : [join(bin, name), args];
  const run = (name: string, args: string[]): void => {
    const [file, argv] = command(name, args);
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  };
  const runAsync = async (name: string, args: string[]): Promise<void> => {
    const [file, argv] = command(name, args);
    await promisify(execFile)(file, argv, { timeout: 120_000 });
  };
  const dir = mkdtempSync(join(tmpdir(), 'polyphony-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off`;
  const log = join(dir, 'server.log');
  const ctl = (action: 'start' | 'restart' | 'stop') => [
    '-D',
    data,
    '-l',
    log,
    '-o',
    options,
    '-m',
    'fast',
    '-w',
    '-t',
    '60',
    action,
  ];
  run('pg_ctl', ctl('start'));
  const urlOf = (name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`;
  let stopped = false;
  return {
    url: urlOf('postgres'),
    urlOf,
    restart: () => runAsync('pg_ctl', ctl('restart')),
    halt: () => runAsync('pg_ctl', ctl('stop')),
    resume: () => runAsync('pg_ctl', ctl('start')),
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already down (halted and not resumed).
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

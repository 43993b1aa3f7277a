import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

/** Advisory lock key Prisma Migrate itself takes, so this runner and `prisma migrate deploy` exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;

/** One migration folder: `prisma/migrations/<timestamp>_<name>/migration.sql`. */
export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 hex of the file's bytes, as Prisma records it. */
  checksum: string;
}

/** Result of {@link runMigrations}. */
export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

/** Thrown when the database's migration history disagrees with the files (edited, failed or unknown migration). */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Folder of the migrations shipped with the BFF (works from src/ and dist/). */
export function defaultMigrationsDir(): string {
  // src/core/prisma or dist/core/prisma -> apps/bff/prisma/migrations
  return path.resolve(__dirname, '..', '..', '..', 'prisma', 'migrations');
}

/** Reads the migration folders in name (timestamp) order. */
export function readMigrations(dir: string = defaultMigrationsDir()): MigrationFile[] {
  if (!existsSync(dir)) throw new MigrationError(`Migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, 'migration.sql'));
      return {
        name,
        sql: bytes.toString('utf8'),
        checksum: createHash('sha256').update(bytes).digest('hex'),
      };
    });
}

const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies pending migrations, keeping Prisma Migrate's `_prisma_migrations` history table so that
 * `prisma migrate deploy` on a connected machine sees the same state. Each migration runs in a transaction under
 * Prisma's advisory lock.
 * @param databaseUrl PostgreSQL connection string
 * @throws MigrationError when an applied migration's file was edited (checksum differs), a migration failed earlier,
 *   or the database holds a migration unknown to the files.
 */
export async function runMigrations(
  databaseUrl: string,
  options: { dir?: string; log?: (message: string) => void } = {},
): Promise<MigrationResult> {
  const files = readMigrations(options.dir);
  const log = options.log ?? (() => undefined);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_HISTORY_TABLE);
      const { rows } = await client.query<HistoryRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
      );
      const history = rows.filter((row) => row.rolled_back_at === null);
      const failed = history.find((row) => row.finished_at === null);
      if (failed) {
        throw new MigrationError(
          `Migration ${failed.migration_name} failed earlier; resolve it before migrating again`,
        );
      }
      const byName = new Map(files.map((f) => [f.name, f]));
      for (const row of history) {
        const file = byName.get(row.migration_name);
        if (!file)
          throw new MigrationError(
            `Database has migration ${row.migration_name} that is not in the migrations folder`,
          );
        if (file.checksum !== row.checksum) {
          throw new MigrationError(
            `Migration ${row.migration_name} was edited after it was applied (checksum differs)`,
          );
        }
      }
      const appliedNames = new Set(history.map((row) => row.migration_name));
      const result: MigrationResult = { applied: [], alreadyApplied: [...appliedNames] };
      for (const file of files) {
        if (appliedNames.has(file.name)) continue;
        const id = randomUUID();
        await client.query('BEGIN');
        try {
          await client.query(
            'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
            [id, file.checksum, file.name],
          );
          await client.query(file.sql);
          await client.query(
            'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
            [id],
          );
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new MigrationError(
            `Migration ${file.name} failed: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
        log(`Applied migration ${file.name}`);
        result.applied.push(file.name);
      }
      return result;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

import type { ClientBase } from 'pg';

/**
 * Time partitions of the usage tables (PostgreSQL declarative partitioning by range). Raw samples are partitioned by
 * UTC day, 10-minute rollups by UTC month. Partitions live in schema `usage_partitions` (the application role has no
 * access to it: it reaches them through the parent tables, whose row-level security applies) and are created and
 * dropped by the database owner: the start-up seed, and the usage maintenance job.
 */

/** A partitioned table and its partition width. */
export interface PartitionedTable {
  table: 'usage_samples' | 'usage_rollups_10m';
  width: 'day' | 'month';
}

export const SAMPLE_PARTITIONS: PartitionedTable = { table: 'usage_samples', width: 'day' };
export const ROLLUP_10M_PARTITIONS: PartitionedTable = { table: 'usage_rollups_10m', width: 'month' };
export const PARTITIONED_TABLES: readonly PartitionedTable[] = [SAMPLE_PARTITIONS, ROLLUP_10M_PARTITIONS];

/** Schema holding the partitions. */
export const PARTITION_SCHEMA = 'usage_partitions';

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Start (UTC) of the partition of `spec` holding `at`. */
export function partitionStart(spec: PartitionedTable, at: Date): Date {
  if (spec.width === 'day') return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/** Start of the next partition after the one starting at `start`. */
export function nextPartitionStart(spec: PartitionedTable, start: Date): Date {
  if (spec.width === 'day') return new Date(start.getTime() + DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** Name of the partition starting at `start`: `usage_samples_p20261203`, `usage_rollups_10m_p202612`. */
export function partitionName(spec: PartitionedTable, start: Date): string {
  const ym = `${start.getUTCFullYear()}${pad(start.getUTCMonth() + 1)}`;
  return `${spec.table}_p${spec.width === 'day' ? `${ym}${pad(start.getUTCDate())}` : ym}`;
}

/** The start of a partition from its name, or null for a name this module did not make. */
export function partitionStartOf(spec: PartitionedTable, name: string): Date | null {
  const m = new RegExp(`^${spec.table}_p(\\d{4})(\\d{2})(\\d{2})?$`).exec(name);
  if (!m) return null;
  if ((spec.width === 'day') !== (m[3] !== undefined)) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] === undefined ? 1 : Number(m[3])));
}

/** Starts of the partitions of `spec` that cover `[from, to)`. */
export function partitionsCovering(spec: PartitionedTable, from: Date, to: Date): Date[] {
  const starts: Date[] = [];
  for (let s = partitionStart(spec, from); s < to; s = nextPartitionStart(spec, s)) starts.push(s);
  return starts;
}

/** Names of the existing partitions of `spec.table`. */
export async function existingPartitions(client: ClientBase, spec: PartitionedTable): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = $1::regclass ORDER BY 1`,
    [`public.${spec.table}`],
  );
  return rows.map((r) => r.name);
}

/** Identifiers come from {@link partitionName} (letters, digits, `_`) only; quoted all the same. */
const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates the partitions of every partitioned usage table covering `[from, to)` that are missing. Serialised across
 * processes by a transaction-level advisory lock, so concurrent instances neither race nor fail. Must run as the
 * tables' owner. In its own transaction, unless `inTransaction` (the caller's transaction then holds the lock).
 * @returns names of the partitions created
 */
export async function ensureUsagePartitions(
  client: ClientBase,
  from: Date,
  to: Date,
  options: { inTransaction?: boolean; tables?: readonly PartitionedTable[] } = {},
): Promise<string[]> {
  const created: string[] = [];
  const own = options.inTransaction !== true;
  if (own) await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('portico:usage:partitions'))");
    for (const spec of options.tables ?? PARTITIONED_TABLES) {
      const existing = new Set(await existingPartitions(client, spec));
      for (const start of partitionsCovering(spec, from, to)) {
        const name = partitionName(spec, start);
        if (existing.has(name)) continue;
        const end = nextPartitionStart(spec, start);
        await client.query(
          `CREATE TABLE ${PARTITION_SCHEMA}.${ident(name)} PARTITION OF public.${spec.table}
           FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`,
        );
        created.push(name);
      }
    }
    if (own) await client.query('COMMIT');
  } catch (err) {
    if (own) await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return created;
}

/**
 * Drops the partitions of `spec` that end at or before `cutoff` (their rows are all older than the retention).
 * @returns names dropped
 */
export async function dropPartitionsBefore(
  client: ClientBase,
  spec: PartitionedTable,
  cutoff: Date,
): Promise<string[]> {
  const dropped: string[] = [];
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('portico:usage:partitions'))");
    for (const name of await existingPartitions(client, spec)) {
      const start = partitionStartOf(spec, name);
      if (start === null || nextPartitionStart(spec, start) > cutoff) continue;
      await client.query(`DROP TABLE ${PARTITION_SCHEMA}.${ident(name)}`);
      dropped.push(name);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return dropped;
}

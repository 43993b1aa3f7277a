import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDMMF } from '@prisma/internals';
import type { Client } from 'pg';
import {
  defaultMigrationsDir,
  MigrationError,
  readMigrations,
  runMigrations,
} from '../../src/core/prisma/migration-runner';
import { testDb } from '../factories/db';
import { TEST_ENV } from '../support/test-state';

const SCHEMA_PATH = path.join(__dirname, '..', '..', 'prisma', 'schema.prisma');

/** A comparable description of tables, columns and indexes. */
interface Shape {
  columns: string[];
  indexes: string[];
}

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isRequired: boolean;
  isList: boolean;
  nativeType?: [string, string[]] | null;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfIndex = { model: string; type: 'id' | 'unique' | 'normal' | 'fulltext'; fields: { name: string }[] };

function pgType(field: DmmfField): string {
  const native = field.nativeType?.[0];
  switch (field.type) {
    case 'String':
      return native === 'Uuid' ? 'uuid' : 'text';
    case 'Int':
      return 'integer';
    case 'BigInt':
      return 'bigint';
    case 'Float':
      return 'double precision';
    case 'Boolean':
      return 'boolean';
    case 'Json':
      return 'jsonb';
    case 'DateTime':
      return native === 'Timestamptz'
        ? `timestamp with time zone(${field.nativeType?.[1][0] ?? '6'})`
        : 'timestamp without time zone(3)';
    default:
      return `unknown:${field.type}`;
  }
}

/** What schema.prisma declares, read with Prisma's own (wasm) schema parser. */
async function declaredShape(schema: string): Promise<Shape> {
  const dmmf = await getDMMF({ datamodel: schema });
  const models = dmmf.datamodel.models as unknown as DmmfModel[];
  const indexes = (dmmf.datamodel as unknown as { indexes: DmmfIndex[] }).indexes;
  const columns: string[] = [];
  const idx: string[] = [];
  const table = (m: DmmfModel) => m.dbName ?? m.name;
  for (const model of models) {
    for (const f of model.fields.filter((x) => x.kind === 'scalar' || x.kind === 'enum')) {
      columns.push(
        `${table(model)}.${f.dbName ?? f.name} ${pgType(f)}${f.isList ? '[]' : ''} ${f.isRequired ? 'NOT NULL' : 'NULL'}`,
      );
    }
  }
  for (const index of indexes) {
    const model = models.find((m) => m.name === index.model)!;
    const cols = index.fields.map((c) => {
      const f = model.fields.find((x) => x.name === c.name)!;
      return f.dbName ?? f.name;
    });
    const kind = index.type === 'id' ? 'primary' : index.type === 'unique' ? 'unique' : 'index';
    idx.push(`${table(model)} ${kind} (${cols.join(', ')})`);
  }
  return { columns: columns.sort(), indexes: idx.sort() };
}

/** What the migrated database holds (information_schema and pg_index). */
async function actualShape(db: Client): Promise<Shape> {
  const cols = await db.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: string;
    datetime_precision: number | null;
  }>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, datetime_precision
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  );
  const columns = cols.rows.map((c) => {
    let type = c.data_type === 'USER-DEFINED' ? c.udt_name : c.data_type;
    if (type === 'ARRAY') type = `${c.udt_name.replace(/^_/, '')}[]`;
    if (type.startsWith('timestamp')) type = `${type}(${c.datetime_precision})`;
    return `${c.table_name}.${c.column_name} ${type} ${c.is_nullable === 'YES' ? 'NULL' : 'NOT NULL'}`;
  });
  const idx = await db.query<{ table_name: string; primary: boolean; unique: boolean; columns: string[] }>(
    `SELECT t.relname AS table_name, ix.indisprimary AS primary, ix.indisunique AS unique,
            array_agg(a.attname::text ORDER BY k.ord) AS columns
     FROM pg_index ix
     JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
     WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
     GROUP BY ix.indexrelid, t.relname, ix.indisprimary, ix.indisunique`,
  );
  const indexes = idx.rows.map(
    (i) =>
      `${i.table_name} ${i.primary ? 'primary' : i.unique ? 'unique' : 'index'} (${i.columns.join(', ')})`,
  );
  return { columns: columns.sort(), indexes: indexes.sort() };
}

describe('migrations (integration)', () => {
  let db: Client;
  beforeAll(async () => {
    db = await testDb();
  });
  afterAll(async () => {
    await db.end();
  });

  it('leave the database exactly as schema.prisma declares it (no drift)', async () => {
    const declared = await declaredShape(readFileSync(SCHEMA_PATH, 'utf8'));
    const actual = await actualShape(db);
    expect(declared.columns.length).toBeGreaterThan(40);
    expect(actual.columns).toEqual(declared.columns);
    expect(actual.indexes).toEqual(declared.indexes);
  });

  it('the drift check notices a column added to the schema without a migration', async () => {
    const schema = readFileSync(SCHEMA_PATH, 'utf8').replace(/(model User \{\n)/, '$1  nickname String?\n');
    const declared = await declaredShape(schema);
    const actual = await actualShape(db);
    expect(declared.columns).toContain('users.nickname text NULL');
    expect(actual.columns).not.toEqual(declared.columns);
  });

  it("records Prisma's history table with the file checksums, and a rerun applies nothing", async () => {
    const files = readMigrations();
    const { rows } = await db.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const file of files) {
      const sha = createHash('sha256')
        .update(readFileSync(path.join(defaultMigrationsDir(), file.name, 'migration.sql')))
        .digest('hex');
      const row = rows.find((r) => r.migration_name === file.name)!;
      expect(row.checksum).toBe(sha);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const rerun = await runMigrations(process.env[TEST_ENV.databaseUrl]!);
    expect(rerun.applied).toEqual([]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'portico-migrations-'));
    try {
      cpSync(defaultMigrationsDir(), dir, { recursive: true });
      const first = readMigrations(dir)[0]!;
      appendFileSync(path.join(dir, first.name, 'migration.sql'), '\n-- edited\n');
      await expect(runMigrations(process.env[TEST_ENV.databaseUrl]!, { dir })).rejects.toThrow(
        MigrationError,
      );
      await expect(runMigrations(process.env[TEST_ENV.databaseUrl]!, { dir })).rejects.toThrow(/edited/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

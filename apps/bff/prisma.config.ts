import path from 'node:path';
import { defineConfig } from 'prisma/config';

/**
 * Prisma CLI configuration. DATABASE_URL is read with a default so `prisma generate` works without a database
 * (the runtime never reads this file: the BFF builds its URL in src/core/database).
 */
export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/portico' },
});

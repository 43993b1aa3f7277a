import { Client } from 'pg';
import type { Env } from '../config/env';

/**
 * The role the running BFF connects as: no SUPERUSER, no BYPASSRLS, owns no table (created NOLOGIN by the
 * `row_level_security` migration, which also grants it the table privileges).
 */
export const APP_ROLE = 'portico_app';

/**
 * The URL the application's Prisma client connects with: `DATABASE_APP_URL` when set, else `DATABASE_URL` with its
 * user replaced by {@link APP_ROLE} and its password by `DATABASE_APP_PASSWORD` (same server, same database).
 * @throws Error when DATABASE_URL is not resolved yet
 */
export function appDatabaseUrl(
  env: Pick<Env, 'DATABASE_URL' | 'DATABASE_APP_URL' | 'DATABASE_APP_PASSWORD'>,
): string {
  if (env.DATABASE_APP_URL) return env.DATABASE_APP_URL;
  if (!env.DATABASE_URL)
    throw new Error('DATABASE_URL must be resolved before the application URL is derived');
  const url = new URL(env.DATABASE_URL);
  url.username = APP_ROLE;
  url.password = encodeURIComponent(env.DATABASE_APP_PASSWORD);
  return url.toString();
}

/**
 * Lets {@link APP_ROLE} log in with `password` (run as the owner, after the migrations, only when the application
 * URL is derived from DATABASE_URL; with DATABASE_APP_URL set the operator manages the role). Retries the race of
 * several instances altering the same role at once (`tuple concurrently updated`).
 * @param ownerUrl a URL of a role allowed to alter roles (the migration user)
 */
export async function ensureAppRoleLogin(ownerUrl: string, password: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN PASSWORD ${client.escapeLiteral(password)}`);
        return;
      } catch (err) {
        if (attempt >= 5 || !(err instanceof Error) || !/concurrently/.test(err.message)) throw err;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  } finally {
    await client.end();
  }
}

import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '@portico/domain';
import { hashPassword } from '../../src/core/auth/password-hasher';
import type { Client } from 'pg';

/** Builds a unique account row. */
export async function createAccount(
  db: Client,
  overrides: { name?: string; whmcsClientId?: number | null; salesforceAccountId?: string | null } = {},
): Promise<{ id: string; name: string }> {
  const id = randomUUID();
  const name = overrides.name ?? `Test Account ${randomBytes(3).toString('hex')}`;
  await db.query(
    'INSERT INTO accounts (id, name, whmcs_client_id, salesforce_account_id) VALUES ($1, $2, $3, $4)',
    [id, name, overrides.whmcsClientId ?? null, overrides.salesforceAccountId ?? null],
  );
  return { id, name };
}

/** Builds a unique user (argon2id hash of `password`) and its memberships. */
export async function createUser(
  db: Client,
  options: {
    email?: string;
    name?: string;
    password?: string;
    memberships?: { accountId: string; role: Role }[];
  } = {},
): Promise<{ id: string; email: string; password: string }> {
  const id = randomUUID();
  const email = options.email ?? `user-${randomBytes(4).toString('hex')}@test.example`;
  const password = options.password ?? `pw-${randomBytes(8).toString('hex')}`;
  await db.query('INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4)', [
    id,
    email.toLowerCase(),
    options.name ?? 'Test User',
    await hashPassword(password),
  ]);
  for (const m of options.memberships ?? []) {
    await db.query('INSERT INTO memberships (id, user_id, account_id, role) VALUES ($1, $2, $3, $4)', [
      randomUUID(),
      id,
      m.accountId,
      m.role,
    ]);
  }
  return { id, email: email.toLowerCase(), password };
}

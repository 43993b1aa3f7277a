import { randomBytes, randomUUID } from 'node:crypto';
import { SALESFORCE_ID_PATTERN } from '@portico/domain';
import { hashPassword } from '../core/auth/password-hasher';
import { Client, DatabaseError } from 'pg';
import { z } from 'zod';

/** Arguments of `create-account`, validated. */
export const createAccountArgsSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  whmcsClientId: z.coerce
    .number({ error: 'must be a positive integer' })
    .int('must be a positive integer')
    .positive('must be a positive integer')
    .optional(),
  salesforceAccountId: z
    .string()
    .regex(SALESFORCE_ID_PATTERN, 'must be a 15 or 18 character Salesforce Id')
    .optional(),
  ownerEmail: z
    .email('must be an email address')
    .max(320)
    .transform((e) => e.toLowerCase()),
  ownerName: z.string().trim().min(1, 'is required').max(200),
  ownerPassword: z.string().min(12, 'must be at least 12 characters').max(1024).optional(),
});
export type CreateAccountArgs = z.infer<typeof createAccountArgsSchema>;

/** Result printed as JSON. */
export interface CreateAccountResult {
  accountId: string;
  userId: string;
}

/** A user-facing CLI failure (exit code 1, message printed as is). */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

const UNIQUE_MESSAGES: Record<string, string> = {
  accounts_whmcs_client_id_key: 'an account with this WHMCS client id already exists',
  accounts_salesforce_account_id_key: 'an account with this Salesforce Account Id already exists',
  users_email_key: 'a user with this email already exists',
};

/** A random password for the owner when none is given (printed once by the CLI). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Creates an account, its owner user (argon2id hash) and the owner membership in one transaction.
 * @throws CliError for duplicates (email, WHMCS client id, Salesforce Account Id)
 */
export async function createAccount(
  databaseUrl: string,
  args: CreateAccountArgs & { ownerPassword: string },
): Promise<CreateAccountResult> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const accountId = randomUUID();
  const userId = randomUUID();
  const passwordHash = await hashPassword(args.ownerPassword);
  try {
    await client.query('BEGIN');
    // Row-level security: the CLI works for no one account (a no-op for a superuser owner).
    await client.query("SELECT set_config('app.scope', 'system', true)");
    await client.query(
      'INSERT INTO accounts (id, name, whmcs_client_id, salesforce_account_id) VALUES ($1, $2, $3, $4)',
      [accountId, args.name, args.whmcsClientId ?? null, args.salesforceAccountId ?? null],
    );
    await client.query('INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4)', [
      userId,
      args.ownerEmail,
      args.ownerName,
      passwordHash,
    ]);
    await client.query(
      "INSERT INTO memberships (id, user_id, account_id, role) VALUES ($1, $2, $3, 'owner')",
      [randomUUID(), userId, accountId],
    );
    await client.query('COMMIT');
    return { accountId, userId };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (err instanceof DatabaseError && err.code === '23505') {
      throw new CliError(
        UNIQUE_MESSAGES[err.constraint ?? ''] ?? `duplicate value (${err.constraint ?? 'unique constraint'})`,
      );
    }
    throw err;
  } finally {
    await client.end();
  }
}

import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';
import { pageOf, pageQuerySchema } from '../common/pagination.schema';
import { SALESFORCE_ID_PATTERN } from '../providers/salesforce/soql.mapper';

export { SALESFORCE_ID_PATTERN };

/** A WHMCS client id (`userid`): a positive integer. */
export const whmcsClientIdSchema = z
  .number({ error: 'must be a positive integer' })
  .int('must be a positive integer')
  .positive('must be a positive integer');

/** A Salesforce Account Id: 15 (case-sensitive) or 18 (case-insensitive) characters, letters and digits. */
export const salesforceAccountIdSchema = z
  .string()
  .trim()
  .regex(SALESFORCE_ID_PATTERN, 'must be a 15 or 18 character Salesforce Id');

/** An account as platform administration lists it: its id mappings and how many members it has. */
export const adminAccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  whmcsClientId: z.number().int().nullable(),
  salesforceAccountId: z.string().nullable(),
  memberCount: z.number().int().min(0),
  createdAt: isoTimestampSchema,
});
export type AdminAccount = z.infer<typeof adminAccountSchema>;

const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * `GET /api/v1/admin/accounts` query: `search` matches the name (contains, case-insensitive), the account id, the
 * WHMCS client id or the Salesforce Account Id (exact); `page` / `pageSize`; sorted by name.
 */
export const adminAccountQuerySchema = z.object({
  ...pageQuerySchema.shape,
  search: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
});
export type AdminAccountQuery = z.infer<typeof adminAccountQuerySchema>;

/** One page of {@link adminAccountSchema}. */
export const adminAccountPageSchema = pageOf(adminAccountSchema);
export type AdminAccountPage = z.infer<typeof adminAccountPageSchema>;

/**
 * `PATCH /api/v1/admin/accounts/:id`: links (or, with null, unlinks) the account to its WHMCS client and Salesforce
 * Account, and may rename it. At least one field; each id belongs to at most one account (409 `conflict` otherwise).
 */
export const linkAccountRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'is required').max(200).optional(),
    whmcsClientId: whmcsClientIdSchema.nullable().optional(),
    salesforceAccountId: salesforceAccountIdSchema.nullable().optional(),
  })
  .refine(
    (b) => b.name !== undefined || b.whmcsClientId !== undefined || b.salesforceAccountId !== undefined,
    {
      message: 'give at least one of name, whmcsClientId, salesforceAccountId',
    },
  );
export type LinkAccountRequest = z.infer<typeof linkAccountRequestSchema>;

/** `POST /api/v1/admin/accounts`: a new account (no members yet), optionally linked. */
export const createAdminAccountRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200),
  whmcsClientId: whmcsClientIdSchema.nullable().optional(),
  salesforceAccountId: salesforceAccountIdSchema.nullable().optional(),
});
export type CreateAdminAccountRequest = z.infer<typeof createAdminAccountRequestSchema>;

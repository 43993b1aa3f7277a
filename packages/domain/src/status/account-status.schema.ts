import { z } from 'zod';
import { blockOf } from '../common/freshness.schema';
import { moneySchema } from '../common/money.schema';
import { isoTimestampSchema } from '../common/date-range.schema';
import { accountSchema, customerProfileSchema, crmAccountSchema } from '../accounts/account.schema';
import { invoiceSchema } from '../billing/invoice.schema';
import { subscriptionSchema } from '../billing/subscription.schema';
import { supportCaseSchema } from '../support/case.schema';
import { usageTileSchema } from '../usage/usage.schema';
import type { Permission } from '../users/permissions';
import { upstreamsStatusSchema } from './upstream-status.schema';

/** Billing summary of the dashboard. Amounts are per currency: a customer may hold invoices in several. */
export const billingSummarySchema = z.object({
  /** Sum of balances of unpaid and overdue invoices, one entry per currency. */
  balanceDue: z.array(moneySchema),
  unpaidCount: z.number().int().min(0),
  overdueCount: z.number().int().min(0),
  /** The open invoice due soonest, or null when nothing is due. */
  nextInvoice: invoiceSchema.nullable(),
  /** Most recent invoices, newest first (at most 5). */
  recentInvoices: z.array(invoiceSchema),
});
export type BillingSummary = z.infer<typeof billingSummarySchema>;

/** Cases summary of the dashboard. */
export const casesSummarySchema = z.object({
  openCount: z.number().int().min(0),
  /** Open cases, most recently created first (at most 5). */
  open: z.array(supportCaseSchema),
});
export type CasesSummary = z.infer<typeof casesSummarySchema>;

/** Names of the blocks of {@link accountStatusSchema}; events name the blocks they touch. */
export const statusBlockNameSchema = z.enum(['profile', 'crm', 'subscriptions', 'billing', 'cases', 'usage']);
export type StatusBlockName = z.infer<typeof statusBlockNameSchema>;

/**
 * The permission a member needs to read each block of the status document. Blocks the role lacks come back
 * `unavailable` with reason `forbidden` (`FORBIDDEN_REASON`) and no data.
 */
export const STATUS_BLOCK_PERMISSION: Readonly<Record<StatusBlockName, Permission>> = {
  profile: 'dashboard:read',
  crm: 'dashboard:read',
  subscriptions: 'subscriptions:read',
  billing: 'billing:read',
  cases: 'support:read',
  usage: 'usage:read',
};

/**
 * `GET /api/v1/accounts/:accountId/status`: the dashboard document. Each block carries its own freshness, so one
 * failing upstream degrades one block and the document still answers 200: a block with cached data is served
 * `stale` (with `fetchedAt` and the `reason` it could not be refreshed); one without is `unavailable`.
 * `upstreams` gives the circuit breaker state of each upstream (see {@link upstreamStatusSchema}).
 */
export const accountStatusSchema = z.object({
  account: accountSchema,
  generatedAt: isoTimestampSchema,
  profile: blockOf(customerProfileSchema),
  crm: blockOf(crmAccountSchema),
  subscriptions: blockOf(z.array(subscriptionSchema)),
  billing: blockOf(billingSummarySchema),
  cases: blockOf(casesSummarySchema),
  usage: blockOf(z.array(usageTileSchema)),
  /** Circuit breaker state of WHMCS and Salesforce, as seen by the answering BFF instance. */
  upstreams: upstreamsStatusSchema,
});
export type AccountStatus = z.infer<typeof accountStatusSchema>;

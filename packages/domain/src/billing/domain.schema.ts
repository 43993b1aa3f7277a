import { z } from 'zod';
import { moneySchema } from '../common/money.schema';
import { isoDateSchema } from '../common/date-range.schema';
import { readMetaSchema } from '../common/freshness.schema';

/**
 * Lifecycle of a registered domain (WHMCS domain statuses). Anything else the billing system reports becomes
 * `unknown`, never an error.
 */
export const domainStatusSchema = z.enum([
  'pending',
  'pending_registration',
  'pending_transfer',
  'active',
  'grace',
  'redemption',
  'expired',
  'transferred_away',
  'cancelled',
  'fraud',
  'unknown',
]);
export type DomainStatus = z.infer<typeof domainStatusSchema>;

/** A domain name the customer registered or transferred through the hosting company. */
export const domainSchema = z.object({
  id: z.string(),
  /** The domain name, e.g. `acme.example`. */
  name: z.string(),
  status: domainStatusSchema,
  registeredOn: isoDateSchema.nullable(),
  expiresOn: isoDateSchema.nullable(),
  nextDueOn: isoDateSchema.nullable(),
  /** Renews automatically at its next due date. */
  autoRenew: z.boolean(),
  /** Registrar module handling it (e.g. `enom`), null when none. */
  registrar: z.string().nullable(),
  /** Registration period in years, null when unknown. */
  periodYears: z.number().int().min(0).nullable(),
  recurringAmount: moneySchema,
});
export type Domain = z.infer<typeof domainSchema>;

/** Domains within this many days of expiry are flagged on the dashboard (and notified). */
export const DOMAIN_EXPIRY_WARNING_DAYS = 30;

/** `GET .../domains` filter: `expiring` = active and expiring within {@link DOMAIN_EXPIRY_WARNING_DAYS} days. */
export const domainListFilterSchema = z.enum(['all', 'active', 'expiring', 'expired', 'pending', 'inactive']);
export type DomainListFilter = z.infer<typeof domainListFilterSchema>;

/** `GET .../domains` query: `status` filter and `search` (part of the name, case-insensitive). */
export const domainListQuerySchema = z.object({
  status: domainListFilterSchema.default('all'),
  search: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(253).optional(),
  ),
});
export type DomainListQuery = z.infer<typeof domainListQuerySchema>;

/** `GET .../domains` response: matching domains (soonest expiry first), counts over all domains, freshness. */
export const domainListSchema = z.object({
  items: z.array(domainSchema),
  /** Domains of the account, whatever the filter. */
  total: z.number().int().min(0),
  /** Active domains expiring within {@link DOMAIN_EXPIRY_WARNING_DAYS} days, whatever the filter. */
  expiringSoon: z.number().int().min(0),
  meta: readMetaSchema,
});
export type DomainList = z.infer<typeof domainListSchema>;

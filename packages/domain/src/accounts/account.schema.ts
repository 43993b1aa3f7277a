import { z } from 'zod';
import { currencyCodeSchema } from '../common/money.schema';

/** A Portico account (tenant): one customer company, linked to its billing client and CRM account. */
export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

/** Customer status as the billing system knows it. */
export const customerStatusSchema = z.enum(['active', 'inactive', 'closed', 'unknown']);
export type CustomerStatus = z.infer<typeof customerStatusSchema>;

/** Postal address; every part optional because upstreams leave parts blank. */
export const addressSchema = z.object({
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
});
export type Address = z.infer<typeof addressSchema>;

/** The customer's billing profile (from the billing system's client record). */
export const customerProfileSchema = z.object({
  companyName: z.string().nullable(),
  contactName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  address: addressSchema,
  currency: currencyCodeSchema,
  status: customerStatusSchema,
  customerSince: z.iso.date().nullable(),
});
export type CustomerProfile = z.infer<typeof customerProfileSchema>;

/** The customer as the CRM knows it. */
export const crmAccountSchema = z.object({
  name: z.string(),
  type: z.string().nullable(),
  industry: z.string().nullable(),
  website: z.string().nullable(),
  phone: z.string().nullable(),
  accountManager: z.string().nullable(),
});
export type CrmAccount = z.infer<typeof crmAccountSchema>;

/** A person at the customer known to the CRM. */
export const contactSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

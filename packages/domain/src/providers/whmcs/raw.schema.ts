import { z } from 'zod';
import { lenientArraySchema } from '../lenient-list.schema';

/*
 * Wire payloads of the WHMCS API (`/includes/api.php`, `responsetype=json`) as documented at
 * https://developers.whmcs.com/api-reference/. The schemas are tolerant on purpose: WHMCS serialises PHP
 * arrays, so the same field comes as a number in one action and as a string in another, empty lists are
 * `""` (or absent, or `{}`), lists are wrapped under a singular key (`invoices.invoice[]`), a one-element
 * list may arrive unwrapped, and missing dates are written `0000-00-00`.
 * The schemas normalise those habits (ids -> strings, counters -> numbers, zero dates -> null,
 * wrapped lists -> arrays) and leave the meaning (money, statuses, units) to the mappers.
 */

/** Trims text; `undefined` and `null` stay absent. */
const text = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v).trim());

/** An id: WHMCS writes `1` in some actions and `"1"` in others; always a string after parsing. */
export const whmcsIdSchema = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^\d+$/, 'must be a numeric id'));

/** A counter (`totalresults`, `numreturned`, `startnumber`): number or numeric string; `""`/null -> 0. */
export const whmcsCountSchema = z.union([z.number(), z.string(), z.null()]).transform((v, ctx) => {
  if (v === null || v === '') return 0;
  const n = typeof v === 'number' ? v : Number(v.trim());
  if (!Number.isInteger(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: `not a non-negative integer: ${String(v)}` });
    return z.NEVER;
  }
  return n;
});

/**
 * A decimal amount as WHMCS writes it: `"12.50"`, `12.5`, `"-3.00"`, `"1,234.50"`; `""`/null count as `"0"`.
 * Kept as text so the mapper can convert it exactly to minor units of the right currency.
 */
export const whmcsDecimalSchema = z
  .union([z.string(), z.number(), z.null()])
  .transform((v) => (v === null ? '0' : String(v).trim().replace(/,/g, '') || '0'))
  .pipe(z.string().regex(/^[+-]?(\d+\.?\d*|\.\d+)$/, 'must be a decimal amount'));

const ZERO_DATE = /^0000-00-00( 00:00:00)?$/;

/** Date text, trimmed; the zero date (`0000-00-00`, `0000-00-00 00:00:00`), `""`, null and absent become null. */
const whmcsDateText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => {
    const t = (v ?? '').trim();
    return t === '' || ZERO_DATE.test(t) ? null : t;
  });

/** A `YYYY-MM-DD` date; `0000-00-00`, `""`, null and absent become null. */
export const whmcsDateSchema = whmcsDateText.pipe(
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}/, 'must be a YYYY-MM-DD date')
    .nullable(),
);

/**
 * A server-local `YYYY-MM-DD HH:MM:SS` date-time (or just a date); `0000-00-00 00:00:00`, `""`, null and
 * absent become null. Kept as text: converting to UTC needs the server's offset (see the mappers).
 */
export const whmcsDateTimeSchema = whmcsDateText.pipe(
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/, 'must be a YYYY-MM-DD HH:MM:SS date-time')
    .nullable(),
);

/** Optional text: `""`, null and absent become null. */
export const whmcsOptionalTextSchema = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => {
    const t = v === null || v === undefined ? '' : String(v).trim();
    return t === '' ? null : t;
  });

/** A WHMCS boolean: `true`, `1`, `"1"`, `"on"`, `"true"` are true; `""`, `0`, `"0"`, null, absent are false. */
export const whmcsBoolSchema = z
  .union([z.boolean(), z.number(), z.string(), z.null()])
  .optional()
  .transform((v) => {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    const t = (v ?? '').trim().toLowerCase();
    return t === '1' || t === 'true' || t === 'on' || t === 'yes';
  });

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Unwraps a WHMCS list: `{ <key>: [...] }` -> `[...]`, `{ <key>: {...} }` (one element, unwrapped) -> `[{...}]`,
 * and `""`, null, absent, `{}`, `{ <key>: "" }` -> `[]`. A bare array is accepted as well. A malformed element is
 * skipped (see `skippedRecordsOf`), not fatal to the list.
 */
export function whmcsListSchema<T extends z.ZodType>(key: string, item: T) {
  return z.preprocess((value: unknown): unknown => {
    if (value === undefined || value === null || value === '') return [];
    if (Array.isArray(value)) return value;
    if (isPlainObject(value)) {
      if (!(key in value)) return Object.keys(value).length === 0 ? [] : value;
      const inner = value[key];
      if (inner === undefined || inner === null || inner === '') return [];
      if (Array.isArray(inner)) return inner;
      return [inner];
    }
    return value;
  }, lenientArraySchema(item));
}

/** Envelope shared by every action. */
const envelope = { result: z.literal('success').optional() };

/* ---------------------------------------------------------------- GetClientsDetails */

/** The client record (the `client` object, also repeated flat at the top level by older versions). */
export const whmcsClientSchema = z.looseObject({
  id: whmcsIdSchema.optional(),
  userid: whmcsIdSchema.optional(),
  firstname: whmcsOptionalTextSchema,
  lastname: whmcsOptionalTextSchema,
  fullname: whmcsOptionalTextSchema,
  companyname: whmcsOptionalTextSchema,
  email: whmcsOptionalTextSchema,
  address1: whmcsOptionalTextSchema,
  address2: whmcsOptionalTextSchema,
  city: whmcsOptionalTextSchema,
  fullstate: whmcsOptionalTextSchema,
  state: whmcsOptionalTextSchema,
  postcode: whmcsOptionalTextSchema,
  countrycode: whmcsOptionalTextSchema,
  country: whmcsOptionalTextSchema,
  phonenumber: whmcsOptionalTextSchema,
  phonenumberformatted: whmcsOptionalTextSchema,
  status: whmcsOptionalTextSchema,
  /** Currency id in WHMCS's currency table (not an ISO code). */
  currency: z.union([z.string(), z.number(), z.looseObject({})]).optional(),
  currency_code: whmcsOptionalTextSchema,
  datecreated: whmcsDateSchema,
  credit: whmcsDecimalSchema.optional(),
});
export type WhmcsClientRaw = z.infer<typeof whmcsClientSchema>;

/** `GetClientsDetails`: `client` object, deprecated flat copies of its fields, `stats` when asked. */
export const whmcsClientsDetailsSchema = whmcsClientSchema.extend({
  ...envelope,
  client: whmcsClientSchema.optional(),
  stats: z.looseObject({}).optional(),
});
export type WhmcsClientsDetailsRaw = z.infer<typeof whmcsClientsDetailsSchema>;

/* ---------------------------------------------------------------- GetClientsProducts */

/** One service (`products.product[]`). Usage and limits are in MB; a limit of 0 means unlimited. */
export const whmcsProductSchema = z.looseObject({
  id: whmcsIdSchema,
  clientid: whmcsIdSchema.optional(),
  pid: whmcsIdSchema.optional(),
  name: text,
  translated_name: whmcsOptionalTextSchema,
  groupname: whmcsOptionalTextSchema,
  translated_groupname: whmcsOptionalTextSchema,
  domain: whmcsOptionalTextSchema,
  regdate: whmcsDateSchema,
  nextduedate: whmcsDateSchema,
  firstpaymentamount: whmcsDecimalSchema.optional(),
  recurringamount: whmcsDecimalSchema.optional(),
  billingcycle: whmcsOptionalTextSchema,
  status: whmcsOptionalTextSchema,
  diskusage: whmcsDecimalSchema.optional(),
  disklimit: whmcsDecimalSchema.optional(),
  bwusage: whmcsDecimalSchema.optional(),
  bwlimit: whmcsDecimalSchema.optional(),
  lastupdate: whmcsDateTimeSchema,
});
export type WhmcsProductRaw = z.infer<typeof whmcsProductSchema>;

/** `GetClientsProducts`. */
export const whmcsClientsProductsSchema = z.looseObject({
  ...envelope,
  totalresults: whmcsCountSchema.optional(),
  startnumber: whmcsCountSchema.optional(),
  numreturned: whmcsCountSchema.optional(),
  products: whmcsListSchema('product', whmcsProductSchema),
});
export type WhmcsClientsProductsRaw = z.infer<typeof whmcsClientsProductsSchema>;

/* ---------------------------------------------------------------- GetInvoices / GetInvoice */

const invoiceHeader = {
  invoicenum: whmcsOptionalTextSchema,
  userid: whmcsIdSchema.optional(),
  date: whmcsDateSchema,
  duedate: whmcsDateSchema,
  datepaid: whmcsDateTimeSchema,
  subtotal: whmcsDecimalSchema.default('0'),
  credit: whmcsDecimalSchema.default('0'),
  tax: whmcsDecimalSchema.default('0'),
  tax2: whmcsDecimalSchema.default('0'),
  /** Rate of the first tax level in percent (`"19.00"`, `"19.000"`); `"0"` or absent when none. */
  taxrate: whmcsDecimalSchema.optional(),
  /** Rate of the second (compound or additional) tax level in percent. */
  taxrate2: whmcsDecimalSchema.optional(),
  total: whmcsDecimalSchema,
  status: whmcsOptionalTextSchema,
  paymentmethod: whmcsOptionalTextSchema,
  notes: whmcsOptionalTextSchema,
};

/** One invoice of `GetInvoices` (`invoices.invoice[]`), with the currency of the invoice's client. */
export const whmcsInvoiceListItemSchema = z.looseObject({
  id: whmcsIdSchema,
  ...invoiceHeader,
  currencycode: whmcsOptionalTextSchema,
  /** Last automatic capture attempt (server local time); `0000-00-00 00:00:00` when none. */
  last_capture_attempt: whmcsDateTimeSchema,
});
export type WhmcsInvoiceListItemRaw = z.infer<typeof whmcsInvoiceListItemSchema>;

/** `GetInvoices`. */
export const whmcsInvoicesSchema = z.looseObject({
  ...envelope,
  totalresults: whmcsCountSchema.default(0),
  startnumber: whmcsCountSchema.optional(),
  numreturned: whmcsCountSchema.optional(),
  invoices: whmcsListSchema('invoice', whmcsInvoiceListItemSchema),
});
export type WhmcsInvoicesRaw = z.infer<typeof whmcsInvoicesSchema>;

/** One line of `GetInvoice` (`items.item[]`). `relid` is the related service/domain id (0 when none). */
export const whmcsInvoiceItemSchema = z.looseObject({
  id: whmcsIdSchema,
  type: whmcsOptionalTextSchema,
  relid: whmcsIdSchema.optional(),
  description: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => String(v ?? '')),
  amount: whmcsDecimalSchema,
  taxed: whmcsBoolSchema,
});
export type WhmcsInvoiceItemRaw = z.infer<typeof whmcsInvoiceItemSchema>;

/** One payment of `GetInvoice` (`transactions.transaction[]`, rows of the accounts table). */
export const whmcsTransactionSchema = z.looseObject({
  id: whmcsIdSchema,
  gateway: whmcsOptionalTextSchema,
  date: whmcsDateTimeSchema,
  transid: whmcsOptionalTextSchema,
  amountin: whmcsDecimalSchema.default('0'),
  amountout: whmcsDecimalSchema.default('0'),
  fees: whmcsDecimalSchema.optional(),
});
export type WhmcsTransactionRaw = z.infer<typeof whmcsTransactionSchema>;

/** `GetInvoice`. */
export const whmcsInvoiceSchema = z.looseObject({
  ...envelope,
  invoiceid: whmcsIdSchema,
  ...invoiceHeader,
  /** Last automatic capture attempt (GetInvoice spells it without underscores). */
  lastcaptureattempt: whmcsDateTimeSchema,
  balance: whmcsDecimalSchema.optional(),
  items: whmcsListSchema('item', whmcsInvoiceItemSchema),
  transactions: whmcsListSchema('transaction', whmcsTransactionSchema),
});
export type WhmcsInvoiceRaw = z.infer<typeof whmcsInvoiceSchema>;

/* ---------------------------------------------------------------- GetClientsDomains */

/** One domain of `GetClientsDomains` (`domains.domain[]`). `donotrenew` set means auto-renew is off. */
export const whmcsDomainSchema = z.looseObject({
  id: whmcsIdSchema,
  userid: whmcsIdSchema.optional(),
  domainname: text,
  regtype: whmcsOptionalTextSchema,
  registrar: whmcsOptionalTextSchema,
  regperiod: z.union([z.number(), z.string(), z.null()]).optional(),
  firstpaymentamount: whmcsDecimalSchema.optional(),
  recurringamount: whmcsDecimalSchema.optional(),
  paymentmethod: whmcsOptionalTextSchema,
  regdate: whmcsDateSchema,
  expirydate: whmcsDateSchema,
  nextduedate: whmcsDateSchema,
  status: whmcsOptionalTextSchema,
  donotrenew: whmcsBoolSchema,
  idprotection: whmcsBoolSchema,
});
export type WhmcsDomainRaw = z.infer<typeof whmcsDomainSchema>;

/** `GetClientsDomains`. */
export const whmcsClientsDomainsSchema = z.looseObject({
  ...envelope,
  totalresults: whmcsCountSchema.optional(),
  startnumber: whmcsCountSchema.optional(),
  numreturned: whmcsCountSchema.optional(),
  domains: whmcsListSchema('domain', whmcsDomainSchema),
});
export type WhmcsClientsDomainsRaw = z.infer<typeof whmcsClientsDomainsSchema>;

/* ---------------------------------------------------------------- GetPayMethods */

/**
 * One pay method of `GetPayMethods`. A strict pick (not a loose object): WHMCS also answers `remote_token` (the
 * gateway's customer and card reference) and bank account numbers, which are dropped here so that no card or bank
 * data beyond brand, last four and expiry goes further.
 * `type`: `CreditCard`, `RemoteCreditCard`, `BankAccount`, `RemoteBankAccount`; `expiry_date` `MM/YY`.
 */
export const whmcsPayMethodSchema = z.object({
  id: whmcsIdSchema,
  type: whmcsOptionalTextSchema,
  description: whmcsOptionalTextSchema,
  gateway_name: whmcsOptionalTextSchema,
  card_last_four: whmcsOptionalTextSchema,
  expiry_date: whmcsOptionalTextSchema,
  card_type: whmcsOptionalTextSchema,
  bank_name: whmcsOptionalTextSchema,
  /** Newer versions say which method is the default; older ones list the default first. */
  is_default: z.union([z.boolean(), z.number(), z.string()]).optional(),
  last_updated: whmcsOptionalTextSchema,
});
export type WhmcsPayMethodRaw = z.infer<typeof whmcsPayMethodSchema>;

/** `GetPayMethods`: `paymethods` is a plain array (or `""`/absent when the client has none). */
export const whmcsPayMethodsSchema = z.looseObject({
  ...envelope,
  clientid: whmcsIdSchema.optional(),
  paymethods: whmcsListSchema('paymethod', whmcsPayMethodSchema),
});
export type WhmcsPayMethodsRaw = z.infer<typeof whmcsPayMethodsSchema>;

/* ---------------------------------------------------------------- CreateSsoToken */

/** `CreateSsoToken`: a one-time token (valid 60 s) and the URL that redeems it. Never log either. */
export const whmcsSsoTokenSchema = z.looseObject({
  ...envelope,
  access_token: z.string().min(1),
  redirect_url: z.url(),
});
export type WhmcsSsoTokenRaw = z.infer<typeof whmcsSsoTokenSchema>;

/* ---------------------------------------------------------------- AddCancelRequest */

/** `AddCancelRequest`: the service and its client. */
export const whmcsCancelRequestSchema = z.looseObject({
  ...envelope,
  serviceid: whmcsIdSchema.optional(),
  userid: whmcsIdSchema.optional(),
});
export type WhmcsCancelRequestRaw = z.infer<typeof whmcsCancelRequestSchema>;

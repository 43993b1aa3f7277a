/** In-memory WHMCS records. Money is in integer cents of the client's currency; sizes in MB as WHMCS keeps them. */

/** A row of WHMCS's currency table. */
export interface WhmcsCurrency {
  id: number;
  code: string;
  prefix: string;
  suffix: string;
}

export interface WhmcsClientRecord {
  id: number;
  uuid: string;
  firstname: string;
  lastname: string;
  companyname: string;
  email: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  countryname: string;
  phonecc: string;
  phonenumber: string;
  status: 'Active' | 'Inactive' | 'Closed';
  currencyId: number;
  /** `YYYY-MM-DD`. */
  datecreated: string;
  creditCents: number;
  /** The client allows single sign-on into the client area (`allowSingleSignOn`); CreateSsoToken refuses otherwise. */
  allowSso: boolean;
}

/** A registered domain (`tbldomains`). */
export interface WhmcsDomainRecord {
  id: number;
  userid: number;
  orderid: number;
  regtype: 'Register' | 'Transfer';
  domainname: string;
  registrar: string;
  regperiod: number;
  firstpaymentCents: number;
  recurringCents: number;
  paymentmethod: string;
  regdate: string;
  /** `YYYY-MM-DD` or `0000-00-00`. */
  expirydate: string;
  nextduedate: string;
  status: string;
  donotrenew: boolean;
  idprotection: boolean;
}

/** A stored pay method (`tblpaymethods`): a card or bank account; the sandbox keeps no card number. */
export interface WhmcsPayMethodRecord {
  id: number;
  userid: number;
  type: 'CreditCard' | 'RemoteCreditCard' | 'BankAccount' | 'RemoteBankAccount';
  description: string;
  gateway: string;
  cardType: string;
  lastFour: string;
  /** `MM/YY`, empty for bank accounts. */
  expiry: string;
  bankName: string;
  /** Lower comes first; the first is the default (WHMCS orders pay methods by preference). */
  order: number;
  /** The gateway's reference (answered as `remote_token`, as WHMCS does; Portico must drop it). */
  remoteToken: string;
  /** `DD/MM/YYYY HH:MM`, as WHMCS formats `last_updated`. */
  lastUpdated: string;
}

/** A cancellation request (`tblcancelrequests`). */
export interface WhmcsCancelRequestRecord {
  id: number;
  relid: number;
  reason: string;
  type: 'Immediate' | 'End of Billing Period';
  date: string;
}

export interface WhmcsServiceRecord {
  id: number;
  clientid: number;
  pid: number;
  orderid: number;
  name: string;
  groupname: string;
  domain: string;
  username: string;
  regdate: string;
  /** `YYYY-MM-DD` or `0000-00-00` (e.g. one-time and free products). */
  nextduedate: string;
  billingcycle: string;
  firstpaymentCents: number;
  recurringCents: number;
  paymentmethod: string;
  status: string;
  servername: string;
  /** MB. */
  diskusage: number;
  /** MB; 0 = unlimited. */
  disklimit: number;
  /** MB. */
  bwusage: number;
  /** MB; 0 = unlimited. */
  bwlimit: number;
  /** `YYYY-MM-DD HH:MM:SS` or `0000-00-00 00:00:00`. */
  lastupdate: string;
}

export interface WhmcsInvoiceItemRecord {
  id: number;
  type: string;
  relid: number;
  /** Stored HTML-escaped, as WHMCS stores input. */
  description: string;
  amountCents: number;
  taxed: boolean;
}

export interface WhmcsTransactionRecord {
  id: number;
  userid: number;
  gateway: string;
  /** `YYYY-MM-DD HH:MM:SS`. */
  date: string;
  description: string;
  amountinCents: number;
  feesCents: number;
  amountoutCents: number;
  transid: string;
  invoiceid: number;
}

export interface WhmcsInvoiceRecord {
  id: number;
  userid: number;
  /** Empty when sequential invoice numbering is off. */
  invoicenum: string;
  date: string;
  duedate: string;
  /** `YYYY-MM-DD HH:MM:SS` or `0000-00-00 00:00:00`. */
  datepaid: string;
  status: string;
  paymentmethod: string;
  notes: string;
  /** Percent, e.g. 19 for 19 %. */
  taxrate: number;
  /** Second tax level in percent (0 = none), applied to the taxed lines like the first. */
  taxrate2: number;
  /** Last automatic capture attempt, `YYYY-MM-DD HH:MM:SS` or the zero date. */
  lastCaptureAttempt: string;
  creditCents: number;
  items: WhmcsInvoiceItemRecord[];
  transactions: WhmcsTransactionRecord[];
}

/** Invoice totals as WHMCS computes them: each tax level on the taxed lines, total = subtotal + tax + tax2 - credit. */
export function invoiceTotals(inv: WhmcsInvoiceRecord): {
  subtotal: number;
  tax: number;
  tax2: number;
  total: number;
  paid: number;
  balance: number;
} {
  const subtotal = inv.items.reduce((s, i) => s + i.amountCents, 0);
  const taxable = inv.items.filter((i) => i.taxed).reduce((s, i) => s + i.amountCents, 0);
  const tax = Math.round((taxable * inv.taxrate) / 100);
  const tax2 = Math.round((taxable * inv.taxrate2) / 100);
  const total = subtotal + tax + tax2 - inv.creditCents;
  const paid = inv.transactions.reduce((s, t) => s + t.amountinCents - t.amountoutCents, 0);
  return { subtotal, tax, tax2, total, paid, balance: total - paid };
}

export const WHMCS_INVOICE_STATUSES = [
  'Draft',
  'Unpaid',
  'Paid',
  'Cancelled',
  'Refunded',
  'Collections',
  'Payment Pending',
] as const;

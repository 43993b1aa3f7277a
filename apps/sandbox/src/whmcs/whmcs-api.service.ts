import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { StoreError, type SandboxStore } from '../store/sandbox.store';
import { centsToDecimal, ymd } from '../store/time';
import {
  invoiceTotals,
  WHMCS_INVOICE_STATUSES,
  type WhmcsClientRecord,
  type WhmcsInvoiceRecord,
  type WhmcsServiceRecord,
} from '../store/whmcs.model';

/** Result of one API action: HTTP status and the decoded body (rendered as JSON or XML by the route). */
export interface WhmcsActionResult {
  httpStatus: number;
  body: Record<string, unknown>;
}

/** Business events raised by actions (delivered as webhooks by the caller). */
export type WhmcsEvent = {
  event: 'InvoicePaid' | 'InvoiceCreated' | 'CancellationRequest' | 'InvoicePaymentReminder';
  userid: number;
  params: Record<string, unknown>;
};

/** A single sign-on token issued by `CreateSsoToken` (valid 60 s, used once). */
export interface SsoGrant {
  clientId: number;
  /** Path (with query) the token lands on, e.g. `viewinvoice.php?id=1007`. */
  path: string;
  expiresAt: number;
}

/** Destinations `CreateSsoToken` accepts (`clientarea:*` scopes of WHMCS's SSO guide) and the page each opens. */
const SSO_DESTINATIONS: Readonly<Record<string, string>> = {
  'clientarea:profile': 'clientarea.php?action=details',
  'clientarea:billing_info': 'index.php?rp=/account/paymentmethods',
  'clientarea:services': 'clientarea.php?action=services',
  'clientarea:domains': 'clientarea.php?action=domains',
  'clientarea:invoices': 'clientarea.php?action=invoices',
  'clientarea:tickets': 'supporttickets.php',
};

/** How long a single sign-on token is valid (WHMCS: "a maximum of 60 seconds"), ms. */
export const SSO_TOKEN_TTL_MS = 60_000;

/** Form fields of a request, one string per key. */
export type WhmcsParams = Record<string, string>;

const ok = (body: Record<string, unknown>): WhmcsActionResult => ({
  httpStatus: 200,
  body: { result: 'success', ...body },
});
/** Business error: WHMCS answers HTTP 200 with `result: error`. */
const businessError = (message: string): WhmcsActionResult => ({
  httpStatus: 200,
  body: { result: 'error', message },
});
/** Unparseable parameter (the sandbox is stricter than WHMCS, which casts silently). */
const badRequest = (message: string): WhmcsActionResult => ({
  httpStatus: 400,
  body: { result: 'error', message },
});

const intParam = z.string().trim().regex(/^\d+$/, 'must be a non-negative integer').transform(Number);
const optionalInt = z.preprocess((v) => (v === '' ? undefined : v), intParam.optional());
const dateParam = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/, 'must be YYYY-MM-DD');
const boolParam = z
  .string()
  .optional()
  .transform((v) => v !== undefined && ['1', 'true', 'on', 'yes'].includes(v.trim().toLowerCase()));

function parse<T extends z.ZodType>(
  schema: T,
  params: WhmcsParams,
): { data: z.output<T> } | { error: WhmcsActionResult } {
  const parsed = schema.safeParse(params);
  if (parsed.success) return { data: parsed.data };
  const first = parsed.error.issues[0];
  const field = first?.path.map(String).join('.') ?? 'parameters';
  return { error: badRequest(`Invalid ${field}: ${first?.message ?? 'invalid value'}`) };
}

/** Implements the WHMCS API actions the sandbox supports over a {@link SandboxStore}. */
export class WhmcsApiService {
  /** Issued single sign-on tokens (token -> grant), redeemed by `/oauth/singlesignon.php`. */
  readonly ssoGrants = new Map<string, SsoGrant>();

  constructor(
    private readonly store: SandboxStore,
    private readonly emit: (event: WhmcsEvent) => void,
    /** Base URL browsers reach this sandbox at (for `redirect_url`); unset: the URL the API call came to. */
    private readonly publicUrl?: string,
  ) {}

  /**
   * Runs one action; action names are matched case-insensitively, as WHMCS does.
   * @param baseUrl the URL the call came to (`CreateSsoToken` builds its `redirect_url` on it unless configured)
   */
  run(action: string, params: WhmcsParams, baseUrl = 'http://127.0.0.1:4100'): WhmcsActionResult {
    switch (action.toLowerCase()) {
      case 'getclientsdetails':
        return this.getClientsDetails(params);
      case 'getclientsproducts':
        return this.getClientsProducts(params);
      case 'getinvoices':
        return this.getInvoices(params);
      case 'getinvoice':
        return this.getInvoice(params);
      case 'updateinvoice':
        return this.updateInvoice(params);
      case 'getclientsdomains':
        return this.getClientsDomains(params);
      case 'getpaymethods':
        return this.getPayMethods(params);
      case 'createssotoken':
        return this.createSsoToken(params, this.publicUrl ?? baseUrl);
      case 'addcancelrequest':
        return this.addCancelRequest(params);
      default:
        return badRequest('Command Not Found');
    }
  }

  /* ------------------------------------------------------------ GetClientsDetails */

  private clientFields(c: WhmcsClientRecord): Record<string, unknown> {
    const currency = this.store.currencyOf(c);
    return {
      userid: c.id,
      id: c.id,
      uuid: c.uuid,
      firstname: c.firstname,
      lastname: c.lastname,
      fullname: `${c.firstname} ${c.lastname}`,
      companyname: c.companyname,
      email: c.email,
      address1: c.address1,
      address2: c.address2,
      city: c.city,
      fullstate: c.state,
      state: c.state,
      postcode: c.postcode,
      countrycode: c.country,
      country: c.country,
      phonenumber: c.phonenumber,
      tax_id: '',
      statecode: c.state,
      countryname: c.countryname,
      phonecc: Number(c.phonecc),
      phonenumberformatted: `+${c.phonecc}.${c.phonenumber}`,
      billingcid: 0,
      notes: '',
      currency: c.currencyId,
      defaultgateway: '',
      groupid: 0,
      status: c.status,
      credit: centsToDecimal(c.creditCents),
      taxexempt: false,
      latefeeoveride: false,
      overideduenotices: false,
      separateinvoices: false,
      disableautocc: false,
      emailoptout: false,
      marketing_emails_opt_in: false,
      overrideautoclose: false,
      allowSingleSignOn: 1,
      language: '',
      lastlogin: 'No Login Logged',
      datecreated: c.datecreated,
      currency_code: currency.code,
    };
  }

  private stats(c: WhmcsClientRecord): Record<string, string> {
    const cur = this.store.currencyOf(c);
    const money = (cents: number) => `${cur.prefix}${centsToDecimal(cents)}${cur.suffix}`;
    const today = ymd(this.store.now());
    const invoices = this.store.data.invoices.filter((i) => i.userid === c.id);
    const of = (pred: (i: WhmcsInvoiceRecord) => boolean) => invoices.filter(pred);
    const sumBalance = (list: WhmcsInvoiceRecord[]) => list.reduce((s, i) => s + invoiceTotals(i).balance, 0);
    const sumTotal = (list: WhmcsInvoiceRecord[]) => list.reduce((s, i) => s + invoiceTotals(i).total, 0);
    const unpaid = of((i) => i.status === 'Unpaid');
    const overdue = unpaid.filter((i) => i.duedate < today);
    const services = this.store.data.services.filter((s) => s.clientid === c.id);
    return {
      numdueinvoices: String(unpaid.length),
      dueinvoicesbalance: money(sumBalance(unpaid)),
      income: money(sumTotal(of((i) => i.status === 'Paid'))),
      incredit: c.creditCents > 0 ? '1' : '',
      creditbalance: money(c.creditCents),
      numoverdueinvoices: String(overdue.length),
      overdueinvoicesbalance: money(sumBalance(overdue)),
      numDraftInvoices: String(of((i) => i.status === 'Draft').length),
      draftInvoicesBalance: money(sumTotal(of((i) => i.status === 'Draft'))),
      numpaidinvoices: String(of((i) => i.status === 'Paid').length),
      paidinvoicesamount: money(sumTotal(of((i) => i.status === 'Paid'))),
      numunpaidinvoices: String(unpaid.length),
      unpaidinvoicesamount: money(sumTotal(unpaid)),
      numcancelledinvoices: String(of((i) => i.status === 'Cancelled').length),
      cancelledinvoicesamount: money(sumTotal(of((i) => i.status === 'Cancelled'))),
      numrefundedinvoices: String(of((i) => i.status === 'Refunded').length),
      refundedinvoicesamount: money(sumTotal(of((i) => i.status === 'Refunded'))),
      numcollectionsinvoices: String(of((i) => i.status === 'Collections').length),
      collectionsinvoicesamount: money(sumTotal(of((i) => i.status === 'Collections'))),
      productsnumactive: String(services.filter((s) => s.status === 'Active').length),
      productsnumtotal: String(services.length),
      numtickets: '0',
      numactivetickets: '0',
    };
  }

  private getClientsDetails(params: WhmcsParams): WhmcsActionResult {
    const p = parse(
      z.looseObject({ clientid: optionalInt, email: z.string().trim().optional(), stats: boolParam }),
      params,
    );
    if ('error' in p) return p.error;
    const { clientid, email, stats } = p.data;
    if (clientid === undefined && (email === undefined || email === ''))
      return businessError('Either clientid Or email Is Required');
    const client =
      clientid !== undefined ? this.store.client(clientid) : this.store.clientByEmail(email ?? '');
    if (!client) return businessError('Client Not Found');
    const fields = this.clientFields(client);
    // Flat copy first (deprecated but still sent), then the `client` object.
    return ok({ ...fields, client: fields, ...(stats ? { stats: this.stats(client) } : {}) });
  }

  /* ------------------------------------------------------------ GetClientsProducts */

  private product(s: WhmcsServiceRecord): Record<string, string | object> {
    return {
      id: String(s.id),
      qty: '1',
      clientid: String(s.clientid),
      orderid: String(s.orderid),
      ordernumber: String(1000000000 + s.orderid * 7919).slice(0, 10),
      pid: String(s.pid),
      regdate: s.regdate,
      name: s.name,
      translated_name: s.name,
      groupname: s.groupname,
      translated_groupname: s.groupname,
      domain: s.domain,
      dedicatedip: '',
      serverid: '1',
      servername: s.servername,
      serverip: '192.0.2.10',
      serverhostname: `${s.servername}.sandbox.example`,
      suspensionreason: s.status === 'Suspended' ? 'Overdue on Payment' : '',
      firstpaymentamount: centsToDecimal(s.firstpaymentCents),
      recurringamount: centsToDecimal(s.recurringCents),
      paymentmethod: s.paymentmethod,
      paymentmethodname:
        s.paymentmethod === 'paypal'
          ? 'PayPal'
          : s.paymentmethod === 'stripe'
            ? 'Credit Card'
            : 'Bank Transfer',
      billingcycle: s.billingcycle,
      nextduedate: s.nextduedate,
      status: s.status,
      username: s.username,
      subscriptionid: '',
      promoid: '0',
      overideautosuspend: '',
      overidesuspenduntil: '0000-00-00',
      ns1: '',
      ns2: '',
      assignedips: '',
      notes: '',
      diskusage: String(s.diskusage),
      disklimit: String(s.disklimit),
      bwusage: String(s.bwusage),
      bwlimit: String(s.bwlimit),
      lastupdate: s.lastupdate,
      customfields: { customfield: [] },
      configoptions: { configoption: [] },
    };
  }

  private getClientsProducts(params: WhmcsParams): WhmcsActionResult {
    const p = parse(
      z.looseObject({
        clientid: optionalInt,
        serviceid: optionalInt,
        pid: optionalInt,
        domain: z.string().trim().optional(),
        limitstart: optionalInt,
        limitnum: optionalInt,
      }),
      params,
    );
    if ('error' in p) return p.error;
    const { clientid, serviceid, pid, domain } = p.data;
    const start = p.data.limitstart ?? 0;
    const num = p.data.limitnum || 25;
    const matching = this.store.data.services.filter(
      (s) =>
        (clientid === undefined || s.clientid === clientid) &&
        (serviceid === undefined || s.id === serviceid) &&
        (pid === undefined || s.pid === pid) &&
        (domain === undefined || domain === '' || s.domain === domain),
    );
    const page = matching.slice(start, start + num);
    return ok({
      // Echoes of the filters, as sent (strings) or null; counters mixed as in WHMCS's documented answer.
      clientid: params.clientid ?? null,
      serviceid: params.serviceid ?? null,
      pid: params.pid ?? null,
      domain: params.domain ?? null,
      totalresults: String(matching.length),
      startnumber: start,
      numreturned: page.length,
      // No products: WHMCS sends an empty string, not an empty list.
      products: page.length === 0 ? '' : { product: page.map((s) => this.product(s)) },
    });
  }

  /* ------------------------------------------------------------ GetInvoices / GetInvoice */

  private getInvoices(params: WhmcsParams): WhmcsActionResult {
    const p = parse(
      z.looseObject({
        userid: optionalInt,
        status: z.string().trim().optional(),
        limitstart: optionalInt,
        limitnum: optionalInt,
        orderby: z.string().trim().toLowerCase().optional(),
        order: z.string().trim().toLowerCase().optional(),
      }),
      params,
    );
    if ('error' in p) return p.error;
    const { userid, status } = p.data;
    const start = p.data.limitstart ?? 0;
    const num = p.data.limitnum || 25;
    const direction = p.data.order === 'desc' ? -1 : 1;
    const today = ymd(this.store.now());
    let list = this.store.data.invoices.filter((i) => userid === undefined || i.userid === userid);
    if (status !== undefined && status !== '') {
      list =
        status.toLowerCase() === 'overdue'
          ? list.filter((i) => i.status === 'Unpaid' && i.duedate < today)
          : list.filter((i) => i.status.toLowerCase() === status.toLowerCase());
    }
    const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
    const key = p.data.orderby ?? 'default';
    list = [...list].sort((a, b) => {
      switch (key) {
        case 'id':
          return direction * (a.id - b.id);
        case 'date':
          return direction * cmp(a.date, b.date) || a.id - b.id;
        case 'duedate':
          return direction * cmp(a.duedate, b.duedate) || a.id - b.id;
        case 'total':
          return direction * (invoiceTotals(a).total - invoiceTotals(b).total) || a.id - b.id;
        case 'status':
          return direction * cmp(a.status, b.status) || a.id - b.id;
        case 'invoicenumber':
          return direction * cmp(a.invoicenum, b.invoicenum) || direction * (a.id - b.id);
        default:
          // WHMCS's default order: status descending, then due date.
          return -cmp(a.status, b.status) || direction * cmp(a.duedate, b.duedate) || a.id - b.id;
      }
    });
    const page = list.slice(start, start + num);
    return ok({
      totalresults: list.length,
      startnumber: start,
      numreturned: page.length,
      // No invoices: an empty JSON array here (PHP's empty array), unlike GetClientsProducts.
      invoices: page.length === 0 ? [] : { invoice: page.map((i) => this.invoiceRow(i)) },
    });
  }

  private invoiceRow(inv: WhmcsInvoiceRecord): Record<string, unknown> {
    const client = this.store.client(inv.userid);
    const currency = client ? this.store.currencyOf(client) : undefined;
    const t = invoiceTotals(inv);
    return {
      id: inv.id,
      userid: inv.userid,
      firstname: client?.firstname ?? '',
      lastname: client?.lastname ?? '',
      companyname: client?.companyname ?? '',
      invoicenum: inv.invoicenum,
      date: inv.date,
      duedate: inv.duedate,
      datepaid: inv.datepaid,
      last_capture_attempt: inv.lastCaptureAttempt,
      date_refunded: '0000-00-00 00:00:00',
      date_cancelled: '0000-00-00 00:00:00',
      subtotal: centsToDecimal(t.subtotal),
      credit: centsToDecimal(inv.creditCents),
      tax: centsToDecimal(t.tax),
      tax2: centsToDecimal(t.tax2),
      total: centsToDecimal(t.total),
      taxrate: inv.taxrate.toFixed(3),
      taxrate2: inv.taxrate2.toFixed(3),
      status: inv.status,
      paymentmethod: inv.paymentmethod,
      paymethodid: null,
      notes: inv.notes,
      created_at: `${inv.date} 00:00:00`,
      updated_at: `${inv.date} 00:00:00`,
      currencycode: currency?.code ?? 'USD',
      currencyprefix: currency?.prefix ?? '$',
      currencysuffix: currency?.suffix ?? ' USD',
    };
  }

  private getInvoice(params: WhmcsParams): WhmcsActionResult {
    const p = parse(z.looseObject({ invoiceid: optionalInt }), params);
    if ('error' in p) return p.error;
    const inv = p.data.invoiceid === undefined ? undefined : this.store.invoice(p.data.invoiceid);
    if (!inv) return businessError('Invoice ID Not Found');
    const t = invoiceTotals(inv);
    // GetInvoice reads raw rows: every value is a string here, unlike GetInvoices.
    const body: Record<string, unknown> = {
      invoiceid: String(inv.id),
      invoicenum: inv.invoicenum,
      userid: String(inv.userid),
      date: inv.date,
      duedate: inv.duedate,
      datepaid: inv.datepaid,
      lastcaptureattempt: inv.lastCaptureAttempt,
      subtotal: centsToDecimal(t.subtotal),
      credit: centsToDecimal(inv.creditCents),
      tax: centsToDecimal(t.tax),
      tax2: centsToDecimal(t.tax2),
      total: centsToDecimal(t.total),
      balance: centsToDecimal(t.balance),
      taxrate: inv.taxrate.toFixed(2),
      taxrate2: inv.taxrate2.toFixed(2),
      status: inv.status,
      paymentmethod: inv.paymentmethod,
      notes: inv.notes,
      ccgateway: inv.paymentmethod === 'stripe',
    };
    if (inv.items.length > 0) {
      body.items = {
        item: inv.items.map((i) => ({
          id: String(i.id),
          type: i.type,
          relid: String(i.relid),
          description: i.description,
          amount: centsToDecimal(i.amountCents),
          taxed: i.taxed ? '1' : '0',
        })),
      };
    }
    body.transactions =
      inv.transactions.length === 0
        ? ''
        : {
            transaction: inv.transactions.map((tx) => ({
              id: String(tx.id),
              userid: String(tx.userid),
              currency: '0',
              gateway: tx.gateway,
              date: tx.date,
              description: tx.description,
              amountin: centsToDecimal(tx.amountinCents),
              fees: centsToDecimal(tx.feesCents),
              amountout: centsToDecimal(tx.amountoutCents),
              rate: '1.00000',
              transid: tx.transid,
              invoiceid: String(tx.invoiceid),
              refundid: '0',
            })),
          };
    return ok(body);
  }

  /* ------------------------------------------------------------ UpdateInvoice */

  private updateInvoice(params: WhmcsParams): WhmcsActionResult {
    const p = parse(
      z.looseObject({
        invoiceid: optionalInt,
        status: z.string().trim().optional(),
        datepaid: dateParam.optional(),
        duedate: dateParam.optional(),
        notes: z.string().optional(),
        paymentmethod: z.string().trim().optional(),
      }),
      params,
    );
    if ('error' in p) return p.error;
    const { invoiceid, status, datepaid, duedate, notes, paymentmethod } = p.data;
    const inv = invoiceid === undefined ? undefined : this.store.invoice(invoiceid);
    if (!inv) return businessError('Invoice ID Not Found');
    const canonical =
      status === undefined || status === ''
        ? undefined
        : WHMCS_INVOICE_STATUSES.find((s) => s.toLowerCase() === status.toLowerCase());
    if (status !== undefined && status !== '' && canonical === undefined)
      return businessError(`Invalid status ${status}`);
    const { becamePaid } = this.store.updateInvoice(inv.id, {
      status: canonical,
      datepaid,
      duedate: duedate?.slice(0, 10),
      notes,
      paymentmethod,
    });
    if (becamePaid) {
      // WHMCS's InvoicePaid hook variables are just the invoice id; the hook module adds the owner.
      this.emit({ event: 'InvoicePaid', userid: inv.userid, params: { invoiceid: inv.id } });
    }
    return ok({ invoiceid: params.invoiceid ?? String(inv.id) });
  }

  /* ------------------------------------------------------------ GetClientsDomains */

  private getClientsDomains(params: WhmcsParams): WhmcsActionResult {
    const p = parse(
      z.looseObject({
        clientid: optionalInt,
        domainid: optionalInt,
        domain: z.string().trim().optional(),
        limitstart: optionalInt,
        limitnum: optionalInt,
      }),
      params,
    );
    if ('error' in p) return p.error;
    const { clientid, domainid, domain } = p.data;
    const start = p.data.limitstart ?? 0;
    const num = p.data.limitnum || 25;
    const matching = this.store.data.domains.filter(
      (d) =>
        (clientid === undefined || d.userid === clientid) &&
        (domainid === undefined || d.id === domainid) &&
        (domain === undefined || domain === '' || d.domainname === domain.toLowerCase()),
    );
    const page = matching.slice(start, start + num);
    const gatewayName = (g: string) =>
      g === 'paypal' ? 'PayPal' : g === 'stripe' ? 'Credit Card' : 'Bank Transfer';
    return ok({
      clientid: params.clientid ?? '',
      domainid: params.domainid ?? '',
      totalresults: String(matching.length),
      startnumber: start,
      numreturned: page.length,
      // No domains: an empty string, like GetClientsProducts.
      domains:
        page.length === 0
          ? ''
          : {
              domain: page.map((d) => ({
                id: d.id,
                userid: d.userid,
                orderid: d.orderid,
                regtype: d.regtype,
                domainname: d.domainname,
                registrar: d.registrar,
                regperiod: d.regperiod,
                firstpaymentamount: centsToDecimal(d.firstpaymentCents),
                recurringamount: centsToDecimal(d.recurringCents),
                paymentmethod: d.paymentmethod,
                paymentmethodname: gatewayName(d.paymentmethod),
                regdate: d.regdate,
                expirydate: d.expirydate,
                nextduedate: d.nextduedate,
                status: d.status,
                subscriptionid: '',
                promoid: 0,
                dnsmanagement: 0,
                emailforwarding: 0,
                idprotection: d.idprotection ? 1 : 0,
                donotrenew: d.donotrenew ? 1 : 0,
                notes: '',
              })),
            },
    });
  }

  /* ------------------------------------------------------------ GetPayMethods */

  private getPayMethods(params: WhmcsParams): WhmcsActionResult {
    const p = parse(
      z.looseObject({ clientid: optionalInt, paymethodid: optionalInt, type: z.string().trim().optional() }),
      params,
    );
    if ('error' in p) return p.error;
    const { clientid, paymethodid, type } = p.data;
    if (clientid === undefined) return businessError('Client ID Is Required');
    if (!this.store.client(clientid)) return businessError('Client Not Found');
    if (type !== undefined && type !== '' && !['bankaccount', 'creditcard'].includes(type.toLowerCase())) {
      return businessError("Invalid Pay Method Type. Should be 'BankAccount' or 'CreditCard'");
    }
    const methods = this.store.data.payMethods
      .filter((m) => m.userid === clientid && (paymethodid === undefined || m.id === paymethodid))
      .filter((m) => !type || (type.toLowerCase() === 'bankaccount') === m.type.endsWith('BankAccount'))
      .sort((a, b) => a.order - b.order);
    return ok({
      clientid: params.clientid,
      paymethods: methods.map((m) =>
        m.type.endsWith('BankAccount')
          ? {
              id: m.id,
              type: m.type,
              description: m.description,
              gateway_name: m.gateway,
              contact_type: 'Client',
              contact_id: m.userid,
              account_type: 'Checking',
              bank_name: m.bankName,
              card_last_four: m.lastFour,
              remote_token: m.remoteToken,
              last_updated: m.lastUpdated,
            }
          : {
              id: m.id,
              type: m.type,
              description: m.description,
              gateway_name: m.gateway,
              contact_type: 'Client',
              contact_id: m.userid,
              card_last_four: m.lastFour,
              expiry_date: m.expiry,
              start_date: '',
              issue_number: '',
              card_type: m.cardType,
              remote_token: m.remoteToken,
              last_updated: m.lastUpdated,
            },
      ),
    });
  }

  /* ------------------------------------------------------------ CreateSsoToken */

  private createSsoToken(params: WhmcsParams, baseUrl: string): WhmcsActionResult {
    const p = parse(
      z.looseObject({
        client_id: optionalInt,
        user_id: optionalInt,
        destination: z.string().trim().optional(),
        service_id: optionalInt,
        domain_id: optionalInt,
        sso_redirect_path: z.string().trim().optional(),
      }),
      params,
    );
    if ('error' in p) return p.error;
    const { client_id: clientId, destination, sso_redirect_path: redirectPath } = p.data;
    if (clientId === undefined) return businessError('A client_id or user_id is required');
    const client = this.store.client(clientId);
    if (!client) return businessError('Client ID Not Found');
    if (!client.allowSso) return businessError('Single Sign-On is disabled for this client');
    let path: string;
    if (destination === undefined || destination === '') path = 'clientarea.php';
    else if (destination === 'sso:custom_redirect') {
      if (!redirectPath || redirectPath.startsWith('/') || /^[a-z]+:/i.test(redirectPath))
        return businessError('A relative sso_redirect_path is required');
      path = redirectPath;
    } else {
      const known = SSO_DESTINATIONS[destination];
      if (known === undefined) return businessError('Invalid destination');
      path = known;
    }
    const token = randomBytes(24).toString('hex');
    const now = this.store.now().getTime();
    for (const [t, g] of this.ssoGrants) if (g.expiresAt <= now) this.ssoGrants.delete(t);
    this.ssoGrants.set(token, { clientId, path, expiresAt: now + SSO_TOKEN_TTL_MS });
    return ok({
      access_token: token,
      redirect_url: `${baseUrl.replace(/\/+$/, '')}/oauth/singlesignon.php?access_token=${token}`,
    });
  }

  /** Redeems a token once; null when unknown, used or expired. */
  redeemSsoToken(token: string): SsoGrant | null {
    const grant = this.ssoGrants.get(token);
    this.ssoGrants.delete(token);
    if (!grant || grant.expiresAt <= this.store.now().getTime()) return null;
    return grant;
  }

  /* ------------------------------------------------------------ AddCancelRequest */

  private addCancelRequest(params: WhmcsParams): WhmcsActionResult {
    const p = parse(
      z.looseObject({
        serviceid: optionalInt,
        type: z.string().trim().optional(),
        reason: z.string().optional(),
      }),
      params,
    );
    if ('error' in p) return p.error;
    const { serviceid, reason } = p.data;
    if (serviceid === undefined) return businessError('Service ID Not Found');
    const type = (p.data.type ?? 'End of Billing Period').toLowerCase();
    const canonical =
      type === 'immediate'
        ? 'Immediate'
        : type === 'end of billing period'
          ? 'End of Billing Period'
          : undefined;
    if (canonical === undefined)
      return businessError("Invalid Cancellation Type. Must be 'Immediate' or 'End of Billing Period'");
    try {
      const { service } = this.store.addCancelRequest(serviceid, canonical, reason ?? '');
      // WHMCS's CancellationRequest hook variables.
      this.emit({
        event: 'CancellationRequest',
        userid: service.clientid,
        params: { userid: service.clientid, relid: service.id, reason: reason ?? '', type: canonical },
      });
      return ok({ serviceid: service.id, userid: service.clientid });
    } catch (err) {
      if (err instanceof StoreError) return businessError(err.message);
      throw err;
    }
  }
}

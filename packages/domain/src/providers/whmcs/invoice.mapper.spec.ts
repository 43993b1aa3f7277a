import { invoiceDetailSchema, invoiceSchema } from '../../billing/invoice.schema';
import { whmcsInvoiceSchema, whmcsInvoicesSchema } from './raw.schema';
import { parseWhmcsResponse } from './response.mapper';
import { toInvoiceDetail, toInvoicePage, toInvoiceStatus } from './invoice.mapper';

const now = new Date('2026-03-15T12:00:00Z');

/** Shaped like the documented GetInvoices example (strings everywhere, zero dates). */
function listPayload(invoices: unknown, extra: Record<string, unknown> = {}) {
  return { result: 'success', totalresults: '1', startnumber: '0', numreturned: '1', invoices, ...extra };
}
const docInvoice = {
  id: '1',
  userid: '1',
  firstname: 'Test',
  lastname: 'Client',
  companyname: '',
  invoicenum: '',
  date: '2026-01-01',
  duedate: '2026-01-08',
  datepaid: '0000-00-00 00:00:00',
  subtotal: '15.95',
  credit: '0.00',
  tax: '1.20',
  tax2: '0.30',
  total: '17.45',
  taxrate: '0.00',
  taxrate2: '0.00',
  status: 'Unpaid',
  paymentmethod: 'paypal',
  notes: '',
  currencycode: 'EUR',
  currencyprefix: '€',
  currencysuffix: 'EUR',
};

describe('toInvoicePage', () => {
  it('maps the documented GetInvoices shape: strings, zero dates, overdue, currencycode, invoicenum fallback', () => {
    const raw = parseWhmcsResponse(whmcsInvoicesSchema, listPayload({ invoice: [docInvoice] }));
    const page = toInvoicePage(raw, { currency: 'USD', now });
    expect(page.total).toBe(1);
    expect(page.items).toHaveLength(1);
    const inv = page.items[0]!;
    expect(invoiceSchema.parse(inv)).toEqual(inv);
    expect(inv).toMatchObject({
      id: '1',
      number: '1',
      status: 'overdue',
      currency: 'EUR',
      issuedOn: '2026-01-01',
      dueOn: '2026-01-08',
      paidAt: null,
      subtotal: { amountMinor: 1595, currency: 'EUR' },
      tax: { amountMinor: 150, currency: 'EUR' },
      total: { amountMinor: 1745, currency: 'EUR' },
      balance: { amountMinor: 1745, currency: 'EUR' },
    });
  });

  it('accepts numbers for ids, counters and money, and a single invoice not wrapped in an array', () => {
    const raw = parseWhmcsResponse(
      whmcsInvoicesSchema,
      listPayload(
        {
          invoice: {
            ...docInvoice,
            id: 1002,
            total: 12.5,
            subtotal: 12.5,
            tax: 0,
            tax2: 0,
            duedate: '2026-04-01',
            invoicenum: 'INV-7',
          },
        },
        { totalresults: 40, numreturned: 1, startnumber: 25 },
      ),
    );
    const page = toInvoicePage(raw, { currency: 'USD', now });
    expect(page.total).toBe(40);
    expect(page.items[0]).toMatchObject({
      id: '1002',
      number: 'INV-7',
      status: 'unpaid',
      total: { amountMinor: 1250, currency: 'EUR' },
    });
  });

  it.each([[''], [{}], [undefined], [{ invoice: [] }], [{ invoice: '' }], [[]]])(
    'treats %p as an empty list',
    (invoices) => {
      const payload: Record<string, unknown> = {
        result: 'success',
        totalresults: '0',
        startnumber: 0,
        numreturned: 0,
      };
      if (invoices !== undefined) payload.invoices = invoices;
      const page = toInvoicePage(parseWhmcsResponse(whmcsInvoicesSchema, payload), { currency: 'USD', now });
      expect(page).toEqual({ items: [], total: 0 });
    },
  );

  it('converts datepaid from the server local format to UTC, with an optional server offset', () => {
    const paid = { ...docInvoice, status: 'Paid', datepaid: '2026-01-05 14:30:00' };
    const raw = parseWhmcsResponse(whmcsInvoicesSchema, listPayload({ invoice: [paid] }));
    expect(toInvoicePage(raw, { currency: 'USD', now }).items[0]).toMatchObject({
      paidAt: '2026-01-05T14:30:00.000Z',
      balance: { amountMinor: 0 },
    });
    expect(
      toInvoicePage(raw, { currency: 'USD', now, serverTimeZone: 'Europe/Berlin' }).items[0]?.paidAt,
    ).toBe('2026-01-05T13:30:00.000Z');
  });

  it('falls back to the client currency when currencycode is missing and keeps negative credits', () => {
    const { currencycode: _c, ...noCurrency } = docInvoice;
    const raw = parseWhmcsResponse(
      whmcsInvoicesSchema,
      listPayload({ invoice: [{ ...noCurrency, total: '-3.00' }] }),
    );
    expect(toInvoicePage(raw, { currency: 'GBP', now }).items[0]?.total).toEqual({
      amountMinor: -300,
      currency: 'GBP',
    });
  });
});

describe('toInvoiceStatus', () => {
  it.each([
    ['Unpaid', '2026-03-16', 'unpaid'],
    ['Unpaid', '2026-03-15', 'unpaid'],
    ['Unpaid', '2026-03-14', 'overdue'],
    ['Paid', '2020-01-01', 'paid'],
    ['Cancelled', null, 'cancelled'],
    ['Refunded', null, 'refunded'],
    ['Collections', null, 'collections'],
    ['Draft', null, 'draft'],
    ['Payment Pending', null, 'payment_pending'],
    ['Overdue', null, 'overdue'],
    ['Something New', null, 'unknown'],
    [null, null, 'unknown'],
  ] as const)('%s due %s -> %s', (status, due, expected) => {
    expect(toInvoiceStatus(status, due, now)).toBe(expected);
  });
});

describe('toInvoiceDetail', () => {
  const doc = {
    result: 'success',
    invoiceid: '1',
    invoicenum: '',
    userid: '2361',
    date: '2026-01-01',
    duedate: '2026-04-08',
    datepaid: '0000-00-00 00:00:00',
    subtotal: '15.95',
    credit: '0.00',
    tax: '0.00',
    tax2: '0.00',
    total: '15.95',
    balance: '5.95',
    status: 'Unpaid',
    paymentmethod: 'paypal',
    notes: 'Thanks &amp; regards',
    ccgateway: '',
    items: {
      item: [
        {
          id: '1',
          type: 'Hosting',
          relid: '7',
          description: 'Sample Monthly Product (01/01/2026 - 31/01/2026) &amp; more',
          amount: '15.95',
          taxed: '0',
        },
        { id: 2, type: '', relid: 0, description: 'Late fee', amount: 1.5, taxed: 1 },
      ],
    },
    transactions: {
      transaction: {
        id: '9',
        gateway: 'paypal',
        date: '2026-01-02 08:00:00',
        amountin: '10.00',
        amountout: '0.00',
        transid: 'TX1',
      },
    },
  };

  it('maps items, a single transaction, the balance and decoded entities', () => {
    const d = toInvoiceDetail(parseWhmcsResponse(whmcsInvoiceSchema, doc), { currency: 'USD', now });
    expect(invoiceDetailSchema.parse(d)).toEqual(d);
    expect(d).toMatchObject({
      id: '1',
      number: '1',
      status: 'unpaid',
      balance: { amountMinor: 595, currency: 'USD' },
      notes: 'Thanks & regards',
    });
    expect(d.lineItems).toEqual([
      {
        id: '1',
        description: 'Sample Monthly Product (01/01/2026 - 31/01/2026) & more',
        amount: { amountMinor: 1595, currency: 'USD' },
        taxed: false,
        type: 'Hosting',
        subscriptionId: '7',
      },
      {
        id: '2',
        description: 'Late fee',
        amount: { amountMinor: 150, currency: 'USD' },
        taxed: true,
        type: null,
        subscriptionId: null,
      },
    ]);
    expect(d.payments).toEqual([
      {
        id: '9',
        at: '2026-01-02T08:00:00.000Z',
        gateway: 'paypal',
        amount: { amountMinor: 1000, currency: 'USD' },
      },
    ]);
  });

  it('accepts transactions as "" (what WHMCS sends when there are none) and a missing items key', () => {
    const { items: _i, ...noItems } = doc;
    const d = toInvoiceDetail(parseWhmcsResponse(whmcsInvoiceSchema, { ...noItems, transactions: '' }), {
      currency: 'EUR',
      now,
    });
    expect(d.lineItems).toEqual([]);
    expect(d.payments).toEqual([]);
    expect(d.currency).toBe('EUR');
  });
});

describe('totals that add up: credit, second tax, tax rates', () => {
  it('explains 14.99 + 3.00 tax = 15.50 with the credit applied', () => {
    const raw = parseWhmcsResponse(whmcsInvoiceSchema, {
      result: 'success',
      invoiceid: '1009',
      invoicenum: '',
      userid: '1',
      date: '2026-01-01',
      duedate: '2026-01-15',
      datepaid: '0000-00-00 00:00:00',
      lastcaptureattempt: '2026-01-16 09:30:00',
      subtotal: '14.99',
      credit: '2.49',
      tax: '2.00',
      tax2: '1.00',
      total: '15.50',
      balance: '15.50',
      taxrate: '13.34',
      taxrate2: '6.67',
      status: 'Unpaid',
      paymentmethod: 'stripe',
      notes: '',
      items: {
        item: [{ id: '1', type: 'Hosting', relid: '3', description: 'Plan', amount: '14.99', taxed: '1' }],
      },
      transactions: '',
    });
    const inv = toInvoiceDetail(raw, { currency: 'USD', now, serverTimeZone: 'America/New_York' });
    expect(invoiceDetailSchema.parse(inv)).toEqual(inv);
    expect(inv.taxLines).toEqual([
      { level: 1, ratePercent: 13.34, amount: { amountMinor: 200, currency: 'USD' } },
      { level: 2, ratePercent: 6.67, amount: { amountMinor: 100, currency: 'USD' } },
    ]);
    expect(inv.credit).toEqual({ amountMinor: 249, currency: 'USD' });
    expect(inv.subtotal.amountMinor + inv.tax.amountMinor - inv.credit.amountMinor).toBe(
      inv.total.amountMinor,
    );
    // 09:30 in New York (EST, UTC-5) on 16 January.
    expect(inv.lastCaptureAttemptAt).toBe('2026-01-16T14:30:00.000Z');
  });

  it('leaves out zero tax levels and keeps a tax without a rate', () => {
    const raw = parseWhmcsResponse(
      whmcsInvoicesSchema,
      listPayload({
        invoice: [{ ...docInvoice, tax2: '0.00', taxrate: '', last_capture_attempt: '0000-00-00 00:00:00' }],
      }),
    );
    const inv = toInvoicePage(raw, { currency: 'USD', now }).items[0]!;
    expect(inv.taxLines).toEqual([
      { level: 1, ratePercent: null, amount: { amountMinor: 120, currency: 'EUR' } },
    ]);
    expect(inv.credit.amountMinor).toBe(0);
    expect(inv.lastCaptureAttemptAt).toBeNull();
  });

  it('converts server times across a daylight saving change (WHMCS_TIMEZONE)', () => {
    const summer = parseWhmcsResponse(
      whmcsInvoicesSchema,
      listPayload({ invoice: [{ ...docInvoice, status: 'Paid', datepaid: '2026-07-05 14:30:00' }] }),
    );
    expect(
      toInvoicePage(summer, { currency: 'USD', now, serverTimeZone: 'Europe/Berlin' }).items[0]?.paidAt,
    ).toBe('2026-07-05T12:30:00.000Z');
  });
});

import { Prng } from './prng';
import { SANDBOX_INTEGRATION_USER, type SandboxData } from '../store/sandbox.store';
import { whmcsEscape } from '../store/sandbox.store';
import { SF_CASE_STATUSES, sfId, type SfRecord } from '../store/salesforce.model';
import { addDays, sfDateTime, whmcsDateTime, ymd } from '../store/time';
import { invoiceTotals, type WhmcsInvoiceRecord, type WhmcsServiceRecord } from '../store/whmcs.model';

/** Fixed seed so every start produces the same demo data (relative to "now"). */
export const DEMO_SEED = 20260105;

/** Salesforce Account ids of the demo customers (docs/contracts.md). */
export const DEMO_ACCOUNT_IDS = {
  acme: '001A0000001AcmeAAA',
  globex: '001A0000002GlbxAAA',
  initech: '001A0000003InitAAA',
} as const;

interface ServiceSpec {
  name: string;
  group: string;
  domain: string;
  cycle: string;
  cents: number;
  status: string;
  disklimit: number;
  bwlimit: number;
  /** Fraction of the limit in use (or MB used when the limit is 0). */
  usage: number;
  tracked: boolean;
}

interface InvoiceSpec {
  status: string;
  /** Due date relative to now, in days. */
  dueInDays: number;
  credit?: number;
  refunded?: boolean;
}

interface CustomerSpec {
  id: number;
  accountId: string;
  company: string;
  first: string;
  last: string;
  email: string;
  address: {
    line1: string;
    city: string;
    state: string;
    postcode: string;
    country: string;
    countryname: string;
    phonecc: string;
    phone: string;
  };
  currencyId: number;
  taxrate: number;
  /** Second tax level, percent (0 = none). */
  taxrate2: number;
  /** Domains: name, days until expiry (negative: expired), status, auto-renew, registrar. */
  domains: Array<{
    name: string;
    expiresInDays: number;
    status: string;
    autoRenew: boolean;
    registrar: string;
    cents: number;
  }>;
  /** Stored pay methods, default first: card brand, last four, months until expiry (0 = this month, -1 = expired last month). */
  payMethods: Array<{
    type: 'RemoteCreditCard' | 'BankAccount';
    description: string;
    brand: string;
    lastFour: string;
    expiresInMonths: number;
    bankName?: string;
  }>;
  invoicePrefix: string;
  gateway: string;
  services: ServiceSpec[];
  invoices: InvoiceSpec[];
  industry: string;
  website: string;
  contacts: Array<{ first: string; last: string; title: string }>;
  cases: Array<{ subject: string; status: string; priority: string; origin: string; ageDays: number }>;
}

const CUSTOMERS: CustomerSpec[] = [
  {
    id: 1,
    accountId: DEMO_ACCOUNT_IDS.acme,
    company: 'Acme Hosting Ltd',
    first: 'Alice',
    last: 'Owner',
    email: 'owner@acme.example',
    address: {
      line1: '1 Harbour Road',
      city: 'Boston',
      state: 'Massachusetts',
      postcode: '02110',
      country: 'US',
      countryname: 'United States',
      phonecc: '1',
      phone: '6175550100',
    },
    currencyId: 1,
    taxrate: 6.25,
    taxrate2: 1,
    invoicePrefix: '',
    gateway: 'stripe',
    domains: [
      {
        name: 'acme.example',
        expiresInDays: 210,
        status: 'Active',
        autoRenew: true,
        registrar: 'enom',
        cents: 1299,
      },
      {
        name: 'acme-shop.example',
        expiresInDays: 12,
        status: 'Active',
        autoRenew: false,
        registrar: 'enom',
        cents: 1299,
      },
      {
        name: 'acme-legacy.example',
        expiresInDays: -20,
        status: 'Expired',
        autoRenew: false,
        registrar: 'resellerclub',
        cents: 999,
      },
      {
        name: 'acme.dev',
        expiresInDays: 0,
        status: 'Pending Transfer',
        autoRenew: true,
        registrar: 'enom',
        cents: 1899,
      },
    ],
    payMethods: [
      {
        type: 'RemoteCreditCard',
        description: 'Company card',
        brand: 'Visa',
        lastFour: '4242',
        expiresInMonths: -1,
      },
      {
        type: 'RemoteCreditCard',
        description: 'Backup card',
        brand: 'MasterCard',
        lastFour: '5454',
        expiresInMonths: 26,
      },
    ],
    services: [
      {
        name: 'Business Hosting',
        group: 'Shared Hosting',
        domain: 'acme.example',
        cycle: 'Monthly',
        cents: 2999,
        status: 'Active',
        disklimit: 51200,
        bwlimit: 1048576,
        usage: 0.62,
        tracked: true,
      },
      {
        name: 'Managed WordPress',
        group: 'WordPress',
        domain: 'blog.acme.example',
        cycle: 'Annually',
        cents: 19900,
        status: 'Active',
        disklimit: 10240,
        bwlimit: 204800,
        usage: 0.91,
        tracked: true,
      },
      {
        name: 'Legacy Hosting',
        group: 'Shared Hosting',
        domain: 'old.acme.example',
        cycle: 'Quarterly',
        cents: 2497,
        status: 'Suspended',
        disklimit: 5120,
        bwlimit: 51200,
        usage: 0.35,
        tracked: true,
      },
    ],
    invoices: [
      { status: 'Paid', dueInDays: -150 },
      { status: 'Paid', dueInDays: -120 },
      { status: 'Paid', dueInDays: -90, credit: 500 },
      { status: 'Cancelled', dueInDays: -75 },
      { status: 'Paid', dueInDays: -60 },
      { status: 'Paid', dueInDays: -30 },
      { status: 'Unpaid', dueInDays: -12 },
      { status: 'Unpaid', dueInDays: 10 },
    ],
    industry: 'Technology',
    website: 'https://acme.example',
    contacts: [
      { first: 'Alice', last: 'Owner', title: 'Managing Director' },
      { first: 'Bob', last: "O'Neil", title: 'IT Manager' },
      { first: 'Carla', last: 'Diaz', title: 'Accounts Payable' },
    ],
    cases: [
      {
        subject: 'Website returns 502 errors intermittently',
        status: 'New',
        priority: 'High',
        origin: 'Web',
        ageDays: 1,
      },
      {
        subject: 'Migrate mailboxes to the new plan',
        status: 'Working',
        priority: 'Medium',
        origin: 'Email',
        ageDays: 4,
      },
      {
        subject: 'Need DNS records for the shop & blog',
        status: 'Waiting on Customer',
        priority: 'Low',
        origin: 'Phone',
        ageDays: 9,
      },
      {
        subject: 'SSL certificate renewal',
        status: 'Closed',
        priority: 'Medium',
        origin: 'Web',
        ageDays: 30,
      },
      { subject: 'Invoice address change', status: 'Closed', priority: 'Low', origin: 'Email', ageDays: 45 },
    ],
  },
  {
    id: 2,
    accountId: DEMO_ACCOUNT_IDS.globex,
    company: 'Globex Corporation',
    first: 'Gina',
    last: 'Owner',
    email: 'owner@globex.example',
    address: {
      line1: 'Hauptstrasse 5',
      city: 'Berlin',
      state: 'Berlin',
      postcode: '10115',
      country: 'DE',
      countryname: 'Germany',
      phonecc: '49',
      phone: '3055501234',
    },
    currencyId: 2,
    taxrate: 19,
    taxrate2: 0,
    invoicePrefix: 'GLX-',
    gateway: 'paypal',
    domains: [
      {
        name: 'globex.example',
        expiresInDays: 95,
        status: 'Active',
        autoRenew: true,
        registrar: 'openprovider',
        cents: 1500,
      },
    ],
    payMethods: [
      {
        type: 'BankAccount',
        description: 'SEPA direct debit',
        brand: '',
        lastFour: '3000',
        expiresInMonths: 0,
        bankName: 'Berliner Bank',
      },
    ],
    services: [
      {
        name: 'Enterprise VPS',
        group: 'VPS',
        domain: 'globex.example',
        cycle: 'Monthly',
        cents: 14900,
        status: 'Active',
        disklimit: 204800,
        bwlimit: 2097152,
        usage: 0.48,
        tracked: true,
      },
      {
        name: 'Offsite Backup',
        group: 'Add-ons',
        domain: '',
        cycle: 'One Time',
        cents: 0,
        status: 'Active',
        disklimit: 0,
        bwlimit: 0,
        usage: 0,
        tracked: false,
      },
    ],
    invoices: [
      { status: 'Paid', dueInDays: -95 },
      { status: 'Refunded', dueInDays: -65, refunded: true },
      { status: 'Paid', dueInDays: -35 },
      { status: 'Unpaid', dueInDays: -5 },
      { status: 'Unpaid', dueInDays: 20 },
    ],
    industry: 'Manufacturing',
    website: 'https://globex.example',
    contacts: [
      { first: 'Gina', last: 'Owner', title: 'CTO' },
      { first: 'Hank', last: 'Scorpio', title: 'CEO' },
    ],
    cases: [
      {
        subject: 'VPS disk latency during backups',
        status: 'Escalated',
        priority: 'Critical',
        origin: 'Phone',
        ageDays: 2,
      },
      {
        subject: 'Request for a second IPv4 address',
        status: 'New',
        priority: 'Low',
        origin: 'Web',
        ageDays: 0,
      },
      { subject: 'Firewall rule review', status: 'Closed', priority: 'Medium', origin: 'Email', ageDays: 20 },
    ],
  },
  {
    id: 3,
    accountId: DEMO_ACCOUNT_IDS.initech,
    company: 'Initech GmbH',
    first: 'Ingrid',
    last: 'Owner',
    email: 'owner@initech.example',
    address: {
      line1: '10 Downing Lane',
      city: 'London',
      state: 'Greater London',
      postcode: 'EC1A 1BB',
      country: 'GB',
      countryname: 'United Kingdom',
      phonecc: '44',
      phone: '2075550199',
    },
    currencyId: 3,
    taxrate: 20,
    taxrate2: 0,
    invoicePrefix: 'INI-',
    gateway: 'banktransfer',
    domains: [],
    payMethods: [],
    services: [
      {
        name: 'Starter Hosting',
        group: 'Shared Hosting',
        domain: 'initech.example',
        cycle: 'Monthly',
        cents: 999,
        status: 'Active',
        disklimit: 10240,
        bwlimit: 102400,
        usage: 0.27,
        tracked: true,
      },
      {
        name: 'Dedicated Server',
        group: 'Dedicated',
        domain: 'db.initech.example',
        cycle: 'Annually',
        cents: 119900,
        status: 'Cancelled',
        disklimit: 0,
        bwlimit: 0,
        usage: 40960,
        tracked: true,
      },
    ],
    invoices: [
      { status: 'Paid', dueInDays: -70 },
      { status: 'Collections', dueInDays: -55 },
      { status: 'Paid', dueInDays: -40 },
      { status: 'Draft', dueInDays: 25 },
      { status: 'Unpaid', dueInDays: 3 },
    ],
    industry: 'Finance',
    website: 'https://initech.example',
    contacts: [
      { first: 'Ingrid', last: 'Owner', title: 'Head of IT' },
      { first: 'Peter', last: 'Gibbons', title: 'Engineer' },
    ],
    cases: [
      {
        subject: 'TPS report export fails',
        status: 'Working',
        priority: 'Medium',
        origin: 'Web',
        ageDays: 3,
      },
      {
        subject: 'Please confirm backup retention',
        status: 'Waiting on Customer',
        priority: 'Low',
        origin: 'Email',
        ageDays: 6,
      },
      { subject: 'Server decommissioning', status: 'Closed', priority: 'High', origin: 'Phone', ageDays: 15 },
    ],
  },
];

/**
 * Builds the demo data relative to `now` (so overdue invoices stay overdue), deterministic for a given seed.
 * Invoice ids start at 1001; Salesforce ids are 18 characters.
 */
export function buildDemoData(now: Date, seed = DEMO_SEED): SandboxData {
  const rnd = new Prng(seed);
  const data: SandboxData = {
    currencies: [
      { id: 1, code: 'USD', prefix: '$', suffix: ' USD' },
      { id: 2, code: 'EUR', prefix: '€', suffix: ' EUR' },
      { id: 3, code: 'GBP', prefix: '£', suffix: ' GBP' },
    ],
    clients: [],
    services: [],
    invoices: [],
    domains: [],
    payMethods: [],
    cancelRequests: [],
    sobjects: { User: [], Account: [], Contact: [], Case: [], CaseComment: [] },
    counters: {
      invoice: 1000,
      invoiceItem: 5000,
      transaction: 9000,
      sobject: 100,
      caseNumber: 1000,
      cancelRequest: 0,
    },
  };

  const users: SfRecord[] = [
    {
      Id: sfId('005', 1),
      Name: 'Sam Seller',
      FirstName: 'Sam',
      LastName: 'Seller',
      Email: 'sam.seller@portico.example',
      IsActive: true,
      UserType: 'Standard',
    },
    {
      Id: sfId('005', 2),
      Name: 'Dana Support',
      FirstName: 'Dana',
      LastName: 'Support',
      Email: 'dana.support@portico.example',
      IsActive: true,
      UserType: 'Standard',
    },
    {
      Id: SANDBOX_INTEGRATION_USER.id,
      Name: SANDBOX_INTEGRATION_USER.name,
      FirstName: 'Portico',
      LastName: 'Integration',
      Email: 'integration@portico.example',
      IsActive: true,
      UserType: 'Standard',
    },
  ];
  const created = sfDateTime(addDays(now, -400));
  for (const u of users)
    Object.assign(u, {
      CreatedDate: created,
      LastModifiedDate: created,
      SystemModstamp: created,
      IsDeleted: false,
    });
  data.sobjects.User = users;

  let serviceId = 100;
  let orderId = 500;
  for (const c of CUSTOMERS) {
    data.clients.push({
      id: c.id,
      uuid: `6d1c0c7e-0000-4000-8000-00000000000${c.id}`,
      firstname: c.first,
      lastname: c.last,
      companyname: c.company,
      email: c.email,
      address1: c.address.line1,
      address2: '',
      city: c.address.city,
      state: c.address.state,
      postcode: c.address.postcode,
      country: c.address.country,
      countryname: c.address.countryname,
      phonecc: c.address.phonecc,
      phonenumber: c.address.phone,
      status: 'Active',
      currencyId: c.currencyId,
      datecreated: ymd(addDays(now, -700 + c.id * 30)),
      creditCents: c.id === 1 ? 1500 : 0,
      allowSso: true,
    });
    for (const d of c.domains) {
      const expires = addDays(now, d.expiresInDays);
      data.domains.push({
        id: data.domains.length + 1,
        userid: c.id,
        orderid: ++orderId,
        regtype: d.status === 'Pending Transfer' ? 'Transfer' : 'Register',
        domainname: d.name,
        registrar: d.registrar,
        regperiod: 1,
        firstpaymentCents: d.cents,
        recurringCents: d.cents,
        paymentmethod: c.gateway,
        regdate: ymd(addDays(expires, -365)),
        expirydate: d.status === 'Pending Transfer' ? '0000-00-00' : ymd(expires),
        nextduedate: d.status === 'Pending Transfer' ? ymd(now) : ymd(expires),
        status: d.status,
        donotrenew: !d.autoRenew,
        idprotection: false,
      });
    }
    c.payMethods.forEach((m, index) => {
      const expiry = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + m.expiresInMonths, 1));
      data.payMethods.push({
        id: data.payMethods.length + 1,
        userid: c.id,
        type: m.type,
        description: m.description,
        gateway: m.type === 'BankAccount' ? 'directdebit' : c.gateway,
        cardType: m.brand,
        lastFour: m.lastFour,
        expiry:
          m.type === 'BankAccount'
            ? ''
            : `${String(expiry.getUTCMonth() + 1).padStart(2, '0')}/${String(expiry.getUTCFullYear()).slice(2)}`,
        bankName: m.bankName ?? '',
        order: index,
        remoteToken: JSON.stringify({ customer: `cus_sbx${c.id}`, method: `pm_sbx${c.id}${index}` }),
        lastUpdated: `${ymd(addDays(now, -30)).split('-').reverse().join('/')} 10:01`,
      });
    });

    const services: WhmcsServiceRecord[] = c.services.map((s) => {
      const id = ++serviceId;
      const regdate = addDays(now, -rnd.int(200, 600));
      const cycleDays: Record<string, number> = { Monthly: 30, Quarterly: 91, Annually: 365 };
      const days = cycleDays[s.cycle];
      const nextdue = days === undefined ? '0000-00-00' : ymd(addDays(now, rnd.int(1, days)));
      const disk = s.disklimit > 0 ? Math.round(s.disklimit * s.usage) : Math.round(s.usage);
      const bw =
        s.bwlimit > 0 ? Math.round(s.bwlimit * s.usage * (0.5 + rnd.next() / 2)) : Math.round(s.usage * 3);
      return {
        id,
        clientid: c.id,
        pid: 10 + c.services.indexOf(s),
        orderid: ++orderId,
        name: s.name,
        groupname: s.group,
        domain: s.domain,
        username: s.domain ? s.domain.replace(/[^a-z]/g, '').slice(0, 8) : '',
        regdate: ymd(regdate),
        nextduedate: s.status === 'Cancelled' ? '0000-00-00' : nextdue,
        billingcycle: s.cycle,
        firstpaymentCents: s.cents,
        recurringCents: s.cycle === 'One Time' || s.cycle === 'Free Account' ? 0 : s.cents,
        paymentmethod: c.gateway,
        status: s.status,
        servername: rnd.pick(['saturn', 'jupiter', 'pluto']),
        diskusage: s.tracked ? disk : 0,
        disklimit: s.disklimit,
        bwusage: s.tracked ? bw : 0,
        bwlimit: s.bwlimit,
        lastupdate: s.tracked ? whmcsDateTime(addDays(now, -rnd.next())) : '0000-00-00 00:00:00',
      };
    });
    data.services.push(...services);

    let seq = 0;
    for (const spec of c.invoices) {
      const due = addDays(now, spec.dueInDays);
      const issued = addDays(due, -14);
      const items: WhmcsInvoiceRecord['items'] = [];
      const hosted = services.filter((s) => s.recurringCents > 0);
      const main = hosted[seq % Math.max(hosted.length, 1)];
      if (main) {
        items.push({
          id: ++data.counters.invoiceItem,
          type: 'Hosting',
          relid: main.id,
          description: whmcsEscape(
            `${main.groupname} - ${main.name} - ${main.domain} (${ymd(issued)} - ${ymd(addDays(issued, 30))})`,
          ),
          amountCents: main.recurringCents,
          taxed: true,
        });
      }
      const extras = rnd.int(1, 3);
      // Distinct extras per invoice (drawn without replacement), as a real invoice lists each add-on once.
      const extraKinds = [
        { type: 'Addon', text: 'Daily Backups & Restore', cents: 500 },
        {
          type: 'DomainRegister',
          text: `Domain Registration - ${c.company.split(' ')[0]?.toLowerCase() ?? 'x'}.example - 1 Year/s`,
          cents: 1299,
        },
        { type: '', text: 'Extra IP address', cents: 300 },
        { type: 'Setup', text: 'Setup fee "priority onboarding"', cents: 2500 },
      ];
      for (let k = 0; k < extras; k += 1) {
        const [kind] = extraKinds.splice(rnd.int(0, extraKinds.length - 1), 1);
        if (kind === undefined) break;
        items.push({
          id: ++data.counters.invoiceItem,
          type: kind.type,
          relid: 0,
          description: whmcsEscape(kind.text),
          amountCents: kind.cents + rnd.int(0, 4) * 100,
          taxed: kind.type !== '',
        });
      }
      seq += 1;
      const inv: WhmcsInvoiceRecord = {
        id: ++data.counters.invoice,
        userid: c.id,
        invoicenum: c.invoicePrefix ? `${c.invoicePrefix}${String(seq).padStart(4, '0')}` : '',
        date: ymd(issued),
        duedate: ymd(due),
        datepaid: '0000-00-00 00:00:00',
        status: spec.status,
        paymentmethod: c.gateway,
        notes: spec.status === 'Collections' ? whmcsEscape('Handed to collections & reminders sent') : '',
        taxrate: c.taxrate,
        taxrate2: c.taxrate2,
        lastCaptureAttempt: '0000-00-00 00:00:00',
        creditCents: spec.credit ?? 0,
        items,
        transactions: [],
      };
      if (spec.status === 'Paid' || spec.status === 'Refunded') {
        const paidAt = addDays(due, -rnd.int(0, 5));
        paidAt.setUTCHours(rnd.int(8, 20), rnd.int(0, 59), rnd.int(0, 59), 0);
        inv.datepaid = whmcsDateTime(paidAt);
        const { total } = invoiceTotals(inv);
        const txId = ++data.counters.transaction;
        inv.transactions.push({
          id: txId,
          userid: c.id,
          gateway: c.gateway,
          date: inv.datepaid,
          description: `Invoice Payment (#${inv.id})`,
          amountinCents: total,
          feesCents: Math.round(total * 0.029),
          amountoutCents: 0,
          transid: `TX${txId}${rnd.int(1000, 9999)}`,
          invoiceid: inv.id,
        });
        if (spec.refunded) {
          const rid = ++data.counters.transaction;
          inv.transactions.push({
            id: rid,
            userid: c.id,
            gateway: c.gateway,
            date: whmcsDateTime(addDays(paidAt, 3)),
            description: `Refund of Invoice (#${inv.id})`,
            amountinCents: 0,
            feesCents: 0,
            amountoutCents: total,
            transid: `RF${rid}`,
            invoiceid: inv.id,
          });
        }
      }
      data.invoices.push(inv);
    }

    // Salesforce side.
    const owner = users[0]?.Id ?? null;
    const accountCreated = sfDateTime(addDays(now, -650 + c.id * 10));
    data.sobjects.Account?.push({
      Id: c.accountId,
      Name: c.company,
      Type: 'Customer - Direct',
      Industry: c.industry,
      Website: c.website,
      Phone: `+${c.address.phonecc} ${c.address.phone}`,
      BillingCity: c.address.city,
      BillingCountry: c.address.countryname,
      OwnerId: owner,
      CreatedDate: accountCreated,
      LastModifiedDate: accountCreated,
      SystemModstamp: accountCreated,
      IsDeleted: false,
    });
    const contactIds: string[] = [];
    for (const person of c.contacts) {
      const id = sfId('003', ++data.counters.sobject);
      contactIds.push(id);
      const domain = c.email.split('@')[1] ?? 'example.com';
      data.sobjects.Contact?.push({
        Id: id,
        AccountId: c.accountId,
        FirstName: person.first,
        LastName: person.last,
        Name: `${person.first} ${person.last}`,
        Email:
          person.last === 'Owner'
            ? c.email
            : `${person.first.toLowerCase()}.${person.last.toLowerCase().replace(/[^a-z]/g, '')}@${domain}`,
        Phone: rnd.next() < 0.3 ? null : `+${c.address.phonecc} ${rnd.int(100000000, 999999999)}`,
        Title: person.title,
        OwnerId: owner,
        CreatedDate: accountCreated,
        LastModifiedDate: accountCreated,
        SystemModstamp: accountCreated,
        IsDeleted: false,
      });
    }
    for (const spec of c.cases) {
      const createdAt = addDays(now, -spec.ageDays - rnd.next());
      const modifiedAt = new Date(Math.min(now.getTime(), createdAt.getTime() + rnd.int(1, 20) * 3_600_000));
      const closed = SF_CASE_STATUSES[spec.status] === true;
      const contact = rnd.next() < 0.2 ? null : (contactIds[rnd.int(0, contactIds.length - 1)] ?? null);
      data.sobjects.Case?.push({
        Id: sfId('500', ++data.counters.sobject),
        CaseNumber: String(++data.counters.caseNumber).padStart(8, '0'),
        AccountId: c.accountId,
        ContactId: contact,
        OwnerId: users[1]?.Id ?? null,
        Subject: spec.subject,
        Description:
          rnd.next() < 0.25 ? null : `Customer reported: ${spec.subject.toLowerCase()}.\nPlease investigate.`,
        Status: spec.status,
        Priority: spec.priority,
        Origin: spec.origin,
        Type: null,
        Reason: null,
        IsClosed: closed,
        IsEscalated: spec.status === 'Escalated',
        ClosedDate: closed ? sfDateTime(modifiedAt) : null,
        CreatedDate: sfDateTime(createdAt),
        LastModifiedDate: sfDateTime(modifiedAt),
        SystemModstamp: sfDateTime(modifiedAt),
        IsDeleted: false,
      });
      const caseId = data.sobjects.Case?.at(-1)?.Id;
      if (typeof caseId !== 'string') continue;
      // A short public conversation (the agent first, the customer's reply through the portal), plus an internal note.
      const thread: Array<[string, string, boolean, number]> = [
        [
          users[1]?.Id as string,
          `Hello, thanks for reaching out about "${spec.subject}". We are looking into it and will update you here.`,
          true,
          0.2,
        ],
        [SANDBOX_INTEGRATION_USER.id, 'Thank you. Please keep us posted.', true, 0.35],
        [users[1]?.Id as string, 'Internal note: checked the logs, nothing unusual yet.', false, 0.4],
      ];
      for (const [author, body, published, at] of thread) {
        const when = sfDateTime(
          new Date(createdAt.getTime() + (modifiedAt.getTime() - createdAt.getTime()) * at),
        );
        data.sobjects.CaseComment?.push({
          Id: sfId('00a', ++data.counters.sobject),
          ParentId: caseId,
          CommentBody: body,
          IsPublished: published,
          CreatedById: author,
          LastModifiedById: author,
          CreatedDate: when,
          LastModifiedDate: when,
          SystemModstamp: when,
          IsDeleted: false,
        });
      }
    }
  }
  return data;
}

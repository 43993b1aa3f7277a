import { domainSchema } from '../../billing/domain.schema';
import { whmcsClientsDomainsSchema } from './raw.schema';
import { parseWhmcsResponse } from './response.mapper';
import { toDomain, toDomains, toDomainStatus } from './domain.mapper';
import { skippedRecordsOf } from '../lenient-list.schema';

/** One domain as the WHMCS API reference's GetClientsDomains example writes it (numbers as strings). */
const docDomain = {
  id: '1',
  userid: '1',
  orderid: '1',
  regtype: 'Register',
  domainname: 'Example.COM',
  registrar: 'enom',
  regperiod: '1',
  firstpaymentamount: '10.95',
  recurringamount: '10.95',
  paymentmethod: 'paypal',
  paymentmethodname: 'PayPal',
  regdate: '2026-01-05',
  expirydate: '2027-01-05',
  nextduedate: '2027-01-05',
  status: 'Active',
  subscriptionid: '',
  promoid: '0',
  dnsmanagement: '',
  emailforwarding: '',
  idprotection: '',
  donotrenew: '',
  notes: '',
};
const payload = (domains: unknown) => ({
  result: 'success',
  clientid: '1',
  domainid: '',
  totalresults: '1',
  startnumber: 0,
  numreturned: 1,
  domains,
});

describe('GetClientsDomains mapping', () => {
  it('maps the documented shape', () => {
    const [d] = toDomains(
      parseWhmcsResponse(whmcsClientsDomainsSchema, payload({ domain: [docDomain] })),
      'USD',
    );
    expect(domainSchema.parse(d)).toEqual(d);
    expect(d).toEqual({
      id: '1',
      name: 'example.com',
      status: 'active',
      registeredOn: '2026-01-05',
      expiresOn: '2027-01-05',
      nextDueOn: '2027-01-05',
      autoRenew: true,
      registrar: 'enom',
      periodYears: 1,
      recurringAmount: { amountMinor: 1095, currency: 'USD' },
    });
  });

  it.each([[''], [[]], [{}], [{ domain: '' }], [undefined]])('treats %p as no domains', (domains) => {
    const body: Record<string, unknown> = payload(domains);
    if (domains === undefined) delete body.domains;
    expect(toDomains(parseWhmcsResponse(whmcsClientsDomainsSchema, body), 'EUR')).toEqual([]);
  });

  it('accepts a single domain not wrapped in an array, numbers, zero dates and donotrenew set', () => {
    const raw = parseWhmcsResponse(
      whmcsClientsDomainsSchema,
      payload({
        domain: {
          ...docDomain,
          id: 7,
          regperiod: 2,
          recurringamount: 12,
          expirydate: '0000-00-00',
          nextduedate: '0000-00-00',
          donotrenew: '1',
          registrar: '',
        },
      }),
    );
    expect(toDomains(raw, 'GBP')[0]).toMatchObject({
      id: '7',
      periodYears: 2,
      expiresOn: null,
      nextDueOn: null,
      autoRenew: false,
      registrar: null,
      recurringAmount: { amountMinor: 1200 },
    });
  });

  it('skips a malformed record and keeps the others', () => {
    const list = parseWhmcsResponse(
      whmcsClientsDomainsSchema,
      payload({ domain: [docDomain, { id: 'x' }] }),
    ).domains;
    expect(list).toHaveLength(1);
    expect(skippedRecordsOf(list)).toHaveLength(1);
  });

  it.each([
    ['Active', 'active'],
    ['Pending Registration', 'pending_registration'],
    ['Pending Transfer', 'pending_transfer'],
    ['Grace', 'grace'],
    ['Redemption', 'redemption'],
    ['Expired', 'expired'],
    ['Transferred Away', 'transferred_away'],
    ['Cancelled', 'cancelled'],
    ['Fraud', 'fraud'],
    ['Pending', 'pending'],
    ['Parked', 'unknown'],
    [null, 'unknown'],
  ] as const)('status %s -> %s', (raw, status) => expect(toDomainStatus(raw)).toBe(status));

  it('decodes entities of stored names and tolerates a blank regperiod', () => {
    const raw = whmcsClientsDomainsSchema.parse(
      payload({ domain: [{ ...docDomain, domainname: 'm&amp;m.example', regperiod: '' }] }),
    );
    expect(toDomain(raw.domains[0]!, 'USD')).toMatchObject({ name: 'm&m.example', periodYears: null });
  });
});

import { subscriptionSchema } from '../../billing/subscription.schema';
import { whmcsClientsProductsSchema } from './raw.schema';
import { parseWhmcsResponse } from './response.mapper';
import { toBillingCycle, toSubscriptions, toSubscriptionStatus } from './subscription.mapper';

const MiB = 1024 * 1024;
const product = {
  id: '1',
  clientid: '1',
  pid: '1',
  regdate: '2015-01-01',
  name: 'Starter &amp; Co',
  groupname: 'Shared Hosting',
  domain: 'demodomain.com',
  recurringamount: '12.95',
  billingcycle: 'Semi-Annually',
  nextduedate: '0000-00-00',
  status: 'Active',
  diskusage: '1024',
  disklimit: '51200',
  bwusage: '12.5',
  bwlimit: '0',
  lastupdate: '2026-01-05 10:00:00',
  customfields: { customfield: [] },
};

describe('toSubscriptions', () => {
  it('maps usage and limits from MB to bytes, limit 0 to unlimited, zero dates to null', () => {
    const raw = parseWhmcsResponse(whmcsClientsProductsSchema, {
      result: 'success',
      clientid: '1',
      totalresults: '1',
      startnumber: 0,
      numreturned: 1,
      products: { product: [product] },
    });
    const [s] = toSubscriptions(raw, 'USD');
    expect(subscriptionSchema.parse(s)).toEqual(s);
    expect(s).toEqual({
      id: '1',
      productName: 'Starter & Co',
      groupName: 'Shared Hosting',
      domain: 'demodomain.com',
      status: 'active',
      billingCycle: 'semi_annually',
      recurringAmount: { amountMinor: 1295, currency: 'USD' },
      registeredOn: '2015-01-01',
      nextDueOn: null,
      disk: { unit: 'bytes', used: 1024 * MiB, limit: 51200 * MiB, measuredAt: '2026-01-05T10:00:00.000Z' },
      bandwidth: {
        unit: 'bytes',
        used: Math.round(12.5 * MiB),
        limit: null,
        measuredAt: '2026-01-05T10:00:00.000Z',
      },
    });
  });

  it('accepts a single product not wrapped in an array, numbers, and no usage at all', () => {
    const raw = parseWhmcsResponse(whmcsClientsProductsSchema, {
      result: 'success',
      totalresults: 1,
      products: {
        product: {
          ...product,
          id: 7,
          recurringamount: 0,
          diskusage: '0',
          disklimit: '0',
          bwusage: '0',
          bwlimit: '0',
          lastupdate: '0000-00-00 00:00:00',
          domain: '',
        },
      },
    });
    const [s] = toSubscriptions(raw, 'EUR');
    expect(s).toMatchObject({
      id: '7',
      domain: null,
      recurringAmount: { amountMinor: 0, currency: 'EUR' },
      disk: null,
      bandwidth: null,
    });
  });

  it.each([[''], [{}], [undefined], [{ product: [] }]])('treats products %p as empty', (products) => {
    const payload: Record<string, unknown> = { result: 'success', totalresults: 0 };
    if (products !== undefined) payload.products = products;
    expect(toSubscriptions(parseWhmcsResponse(whmcsClientsProductsSchema, payload), 'USD')).toEqual([]);
  });
});

describe('statuses and cycles', () => {
  it.each([
    ['Pending', 'pending'],
    ['Active', 'active'],
    ['Suspended', 'suspended'],
    ['Terminated', 'terminated'],
    ['Cancelled', 'cancelled'],
    ['Fraud', 'fraud'],
    ['Completed', 'completed'],
    ['Frozen', 'unknown'],
    [null, 'unknown'],
  ] as const)('product status %s -> %s', (input, expected) =>
    expect(toSubscriptionStatus(input)).toBe(expected),
  );

  it.each([
    ['Free Account', 'free'],
    ['One Time', 'one_time'],
    ['Monthly', 'monthly'],
    ['Quarterly', 'quarterly'],
    ['Semi-Annually', 'semi_annually'],
    ['Annually', 'annually'],
    ['Biennially', 'biennially'],
    ['Triennially', 'triennially'],
    ['Weekly', 'unknown'],
    [null, 'unknown'],
  ] as const)('billing cycle %s -> %s', (input, expected) => expect(toBillingCycle(input)).toBe(expected));
});

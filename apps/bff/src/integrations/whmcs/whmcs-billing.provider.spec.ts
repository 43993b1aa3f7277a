import { parseWhmcsResponse } from '@portico/domain/providers/whmcs';
import type { z } from 'zod';
import { MemoryCacheAdapter } from '../../core/cache/memory-cache.adapter';
import { loadEnv } from '../../core/config/env';
import { WhmcsBillingProvider } from './whmcs-billing.provider';
import type { WhmcsClient, WhmcsParams } from './whmcs.client';

const ANSWERS: Record<string, object> = {
  GetClientsDetails: {
    result: 'success',
    client: {
      id: '1',
      firstname: 'Test',
      lastname: 'Client',
      email: 'test@example.com',
      status: 'Active',
      currency_code: 'gbp',
    },
  },
  GetClientsProducts: { result: 'success', clientid: '1', totalresults: 0, products: '' },
  GetInvoices: { result: 'success', totalresults: 0, numreturned: 0, invoices: '' },
};

/** A {@link WhmcsClient} answering from {@link ANSWERS} after a tick, counting calls per action. */
class FakeWhmcsClient {
  readonly calls: string[] = [];

  async call<S extends z.ZodType>(action: string, _params: WhmcsParams, schema: S): Promise<z.output<S>> {
    this.calls.push(action);
    await new Promise((resolve) => setImmediate(resolve));
    return parseWhmcsResponse(schema, ANSWERS[action]);
  }
}

describe('WhmcsBillingProvider', () => {
  it('reads GetClientsDetails once for concurrent profile, subscription and invoice reads of one client', async () => {
    const whmcs = new FakeWhmcsClient();
    const provider = new WhmcsBillingProvider(
      whmcs as unknown as WhmcsClient,
      new MemoryCacheAdapter(),
      loadEnv({}),
    );
    const [profile, subscriptions, invoices] = await Promise.all([
      provider.getCustomerProfile(1),
      provider.listSubscriptions(1),
      provider.listInvoices(1, { status: 'all', page: 1, pageSize: 5 }),
      provider.listInvoices(1, { status: 'open', page: 1, pageSize: 100 }),
    ]);
    expect(profile.email).toBe('test@example.com');
    expect(subscriptions).toEqual([]);
    expect(invoices.items).toEqual([]);
    expect(whmcs.calls.filter((a) => a === 'GetClientsDetails')).toHaveLength(1);

    // The call is shared while it runs only: a later profile read asks WHMCS again.
    await provider.getCustomerProfile(1);
    expect(whmcs.calls.filter((a) => a === 'GetClientsDetails')).toHaveLength(2);
  });
});

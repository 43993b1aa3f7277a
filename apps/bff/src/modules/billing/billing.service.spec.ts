import type { PaymentMethod, Subscription } from '@portico/domain';
import type { AccountContext } from '../../core/auth';
import { loadEnv } from '../../core/config/env';
import { FakeClock } from '../../../test/fakes/clock.fake';
import { domain, FakeBillingProvider, invoice } from '../../../test/fakes/providers.fake';
import { RecordingAudit } from '../../../test/fakes/recorders.fake';
import { rejection } from '../../../test/fakes/rejection';
import type { ReadCacheService } from '../read-cache/read-cache.service';
import type { BillingRepository } from './billing.repository';
import { BillingService, HANDOFF_TTL_MS } from './billing.service';

const CLIENT = 42;
const ACCOUNT: AccountContext = {
  accountId: '10000000-0000-4000-8000-000000000001',
  accountName: 'Acme',
  role: 'owner',
  whmcsClientId: CLIENT,
  salesforceAccountId: null,
};
const CTX = {
  accountId: ACCOUNT.accountId,
  actorUserId: '20000000-0000-4000-8000-000000000001',
  ip: null,
  userAgent: null,
  requestId: 'req-1',
};

const subscription = (overrides: Partial<Subscription>): Subscription => ({
  id: '1',
  productName: 'Web hosting',
  groupName: null,
  domain: null,
  status: 'active',
  billingCycle: 'monthly',
  recurringAmount: { amountMinor: 900, currency: 'EUR' },
  registeredOn: '2025-01-01',
  nextDueOn: null,
  disk: null,
  bandwidth: null,
  ...overrides,
});

const card = (expiryMonth: string): PaymentMethod =>
  ({
    id: 'pm1',
    type: 'card',
    description: null,
    cardBrand: 'Visa',
    lastFour: '4242',
    expiryMonth,
    expired: false,
    isDefault: true,
    bankName: null,
  }) as PaymentMethod;

function world() {
  const clock = new FakeClock('2026-03-10T08:00:00.000Z');
  const billing = new FakeBillingProvider();
  const audit = new RecordingAudit();
  /** The read cache reduced to its contract: the loader's data with fresh metadata (the cache has its own tests). */
  const cache = {
    read: async <T>(_scope: unknown, resource: string, _query: unknown, load: () => Promise<T>) => ({
      data: await load(),
      meta: { source: 'whmcs', fetchedAt: clock.now().toISOString(), stale: false, resource },
    }),
    invalidate: () => Promise.resolve(),
  } as unknown as ReadCacheService;
  const repository = { cancellations: () => Promise.resolve(new Map()) } as unknown as BillingRepository;
  const service = new BillingService(billing, cache, repository, audit.asService(), loadEnv({}), clock);
  return { clock, billing, audit, service };
}

describe('BillingService', () => {
  it('filters domains by expiry relative to today, soonest first, and counts those expiring within 30 days', async () => {
    const w = world();
    w.billing.domains.set(CLIENT, [
      domain({ id: '1', name: 'later.example', expiresOn: '2026-04-10' }),
      domain({ id: '2', name: 'soon.example', expiresOn: '2026-04-09' }),
      domain({ id: '3', name: 'today.example', expiresOn: '2026-03-10' }),
      domain({ id: '4', name: 'past.example', expiresOn: '2026-03-09', status: 'expired' }),
    ]);
    const expiring = await w.service.listDomains(ACCOUNT, { status: 'expiring' });
    expect(expiring.items.map((d) => d.name)).toEqual(['today.example', 'soon.example']);
    expect(expiring).toMatchObject({ total: 4, expiringSoon: 2 });
    w.clock.advance(86_400_000);
    const nextDay = await w.service.listDomains(ACCOUNT, {
      status: 'expiring',
      search: 'EXAMPLE'.toLowerCase(),
    });
    expect(nextDay.items.map((d) => d.name)).toEqual(['soon.example', 'later.example']);
  });

  it('takes the next charge from the earliest due date on or after today of active services and unpaid invoices', async () => {
    const w = world();
    w.billing.subscriptions.set(CLIENT, [
      subscription({ id: '1', nextDueOn: '2026-04-01' }),
      subscription({ id: '2', nextDueOn: '2026-03-20', status: 'suspended' }),
      subscription({ id: '3', nextDueOn: '2026-03-01' }),
    ]);
    w.billing.invoices.set(CLIENT, [invoice({ id: '9', status: 'unpaid', dueOn: '2026-03-25' })]);
    await expect(w.service.nextCharge(ACCOUNT, CLIENT)).resolves.toBe('2026-03-25');
    w.clock.set('2026-03-26T00:00:00.000Z');
    await expect(w.service.nextCharge(ACCOUNT, CLIENT)).resolves.toBe('2026-04-01');
  });

  it('warns when the default card expires before the next charge', async () => {
    const w = world();
    w.billing.subscriptions.set(CLIENT, [subscription({ nextDueOn: '2026-04-01' })]);
    w.billing.paymentMethods.set(CLIENT, [card('2026-03')]);
    await expect(w.service.listPaymentMethods(ACCOUNT)).resolves.toMatchObject({
      warning: {
        kind: 'default_card_expires_before_next_charge',
        paymentMethodId: 'pm1',
        expiryMonth: '2026-03',
        nextChargeOn: '2026-04-01',
      },
    });
    w.billing.paymentMethods.set(CLIENT, [card('2026-04')]);
    await expect(w.service.listPaymentMethods(ACCOUNT)).resolves.toMatchObject({ warning: null });
  });

  it('still lists payment methods when the next charge cannot be read', async () => {
    const w = world();
    w.billing.paymentMethods.set(CLIENT, [card('2026-03')]);
    w.billing.failing.add('listSubscriptions');
    await expect(w.service.listPaymentMethods(ACCOUNT)).resolves.toMatchObject({
      items: [{ id: 'pm1' }],
      warning: null,
    });
  });

  it('hands off an unpaid invoice for payment with a link valid 60 s, audited without the link', async () => {
    const w = world();
    w.billing.invoices.set(CLIENT, [
      invoice({ id: '1001' }),
      invoice({ id: '1002', status: 'paid', balance: { amountMinor: 0, currency: 'EUR' } }),
    ]);
    const handoff = await w.service.payInvoice(ACCOUNT, '1001', CTX);
    expect(handoff).toEqual({
      redirectUrl: `https://billing.example/sso/${CLIENT}`,
      expiresAt: new Date(w.clock.nowMs() + HANDOFF_TTL_MS).toISOString(),
    });
    expect(w.audit.records).toEqual([
      expect.objectContaining({ action: 'billing.payment_handoff', target: '1001' }),
    ]);
    expect(JSON.stringify(w.audit.records)).not.toContain('sso');
    expect(await rejection(w.service.payInvoice(ACCOUNT, '1002', CTX))).toMatchObject({
      status: 409,
      code: 'conflict',
    });
    expect(await rejection(w.service.payInvoice(ACCOUNT, '7777', CTX))).toMatchObject({ status: 404 });
    expect(await rejection(w.service.payInvoice(ACCOUNT, '../1001', CTX))).toMatchObject({ status: 404 });
  });
});

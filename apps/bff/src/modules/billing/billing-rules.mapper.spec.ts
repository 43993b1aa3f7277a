import type { Domain, Invoice, PaymentMethod, Subscription } from '@portico/domain';
import {
  compareDomains,
  defaultCardWarning,
  domainMatches,
  isExpiringSoon,
  lastValidDay,
  nextChargeDate,
} from './billing-rules.mapper';

const now = new Date('2026-03-15T12:00:00Z');
const domain = (over: Partial<Domain>): Domain => ({
  id: '1',
  name: 'a.example',
  status: 'active',
  registeredOn: null,
  expiresOn: '2027-01-01',
  nextDueOn: null,
  autoRenew: true,
  registrar: null,
  periodYears: 1,
  recurringAmount: { amountMinor: 1000, currency: 'USD' },
  ...over,
});
const card = (over: Partial<PaymentMethod>): PaymentMethod => ({
  id: '1',
  type: 'card',
  description: null,
  cardBrand: 'Visa',
  lastFour: '4242',
  expiryMonth: '2026-03',
  expired: false,
  isDefault: true,
  bankName: null,
  gateway: 'stripe',
  ...over,
});

describe('domain rules', () => {
  it('flags active domains expiring within 30 days, not expired or far ones', () => {
    expect(isExpiringSoon(domain({ expiresOn: '2026-04-14' }), now)).toBe(true);
    expect(isExpiringSoon(domain({ expiresOn: '2026-04-15' }), now)).toBe(false);
    expect(isExpiringSoon(domain({ expiresOn: '2026-03-14' }), now)).toBe(false);
    expect(isExpiringSoon(domain({ status: 'pending_transfer', expiresOn: '2026-03-20' }), now)).toBe(false);
  });

  it('filters by status group and sorts by expiry, undated last', () => {
    const list = [
      domain({ id: 'x', expiresOn: null }),
      domain({ id: 'y', status: 'redemption', expiresOn: '2026-03-01' }),
      domain({ id: 'z', expiresOn: '2026-03-20' }),
    ];
    expect(list.filter((d) => domainMatches(d, 'expired', now)).map((d) => d.id)).toEqual(['y']);
    expect(list.filter((d) => domainMatches(d, 'expiring', now)).map((d) => d.id)).toEqual(['z']);
    expect([...list].sort(compareDomains).map((d) => d.id)).toEqual(['y', 'z', 'x']);
  });
});

describe('card expiry before the next charge', () => {
  const sub = { status: 'active', nextDueOn: '2026-04-02' } as Subscription;
  const invoice = { status: 'unpaid', dueOn: '2026-03-25' } as Invoice;

  it('takes the earliest due date of active services and unpaid invoices, from today on', () => {
    expect(
      nextChargeDate(
        [sub, { status: 'cancelled', nextDueOn: '2026-03-16' } as Subscription],
        [invoice, { status: 'overdue', dueOn: '2026-03-01' } as Invoice],
        now,
      ),
    ).toBe('2026-03-25');
    expect(nextChargeDate([], [], now)).toBeNull();
  });

  it('warns when the default card is no longer valid on the next charge', () => {
    expect(lastValidDay('2026-02')).toBe('2026-02-28');
    expect(defaultCardWarning([card({})], '2026-04-02')).toEqual({
      kind: 'default_card_expires_before_next_charge',
      paymentMethodId: '1',
      expiryMonth: '2026-03',
      nextChargeOn: '2026-04-02',
    });
    expect(defaultCardWarning([card({})], '2026-03-31')).toBeNull();
    expect(defaultCardWarning([card({ isDefault: false })], '2026-04-02')).toBeNull();
    expect(defaultCardWarning([card({})], null)).toBeNull();
  });
});

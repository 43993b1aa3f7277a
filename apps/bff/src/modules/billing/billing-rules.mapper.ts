import {
  DOMAIN_EXPIRY_WARNING_DAYS,
  type Domain,
  type DomainListFilter,
  type Invoice,
  type PaymentMethod,
  type PaymentMethodWarning,
  type Subscription,
} from '@portico/domain';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of `now` in UTC. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `now`'s UTC day to a `YYYY-MM-DD` date (negative when past). */
export function daysUntil(date: string, now: Date): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${utcDay(now)}T00:00:00Z`)) / DAY_MS);
}

/** An active domain whose expiry is within `withinDays` days (not yet past). */
export function isExpiringSoon(domain: Domain, now: Date, withinDays = DOMAIN_EXPIRY_WARNING_DAYS): boolean {
  if (domain.status !== 'active' || domain.expiresOn === null) return false;
  const days = daysUntil(domain.expiresOn, now);
  return days >= 0 && days <= withinDays;
}

/** Whether a domain passes the list filter. */
export function domainMatches(domain: Domain, filter: DomainListFilter, now: Date): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'active':
      return domain.status === 'active';
    case 'expiring':
      return isExpiringSoon(domain, now);
    case 'expired':
      return domain.status === 'expired' || domain.status === 'grace' || domain.status === 'redemption';
    case 'pending':
      return (
        domain.status === 'pending' ||
        domain.status === 'pending_registration' ||
        domain.status === 'pending_transfer'
      );
    case 'inactive':
      return (
        domain.status === 'cancelled' || domain.status === 'transferred_away' || domain.status === 'fraud'
      );
  }
}

/** Soonest expiry first; domains without one last; then by name. */
export function compareDomains(a: Domain, b: Domain): number {
  if (a.expiresOn !== b.expiresOn) {
    if (a.expiresOn === null) return 1;
    if (b.expiresOn === null) return -1;
    return a.expiresOn < b.expiresOn ? -1 : 1;
  }
  return a.name.localeCompare(b.name);
}

/**
 * The next time the customer will be charged: the earliest due date, on or after today, of the open invoices and of
 * the active subscriptions; null when nothing is due.
 */
export function nextChargeDate(
  subscriptions: readonly Subscription[],
  openInvoices: readonly Invoice[],
  now: Date,
): string | null {
  const today = utcDay(now);
  const dates = [
    ...subscriptions.filter((s) => s.status === 'active').map((s) => s.nextDueOn),
    ...openInvoices.filter((i) => i.status === 'unpaid').map((i) => i.dueOn),
  ].filter((d): d is string => d !== null && d >= today);
  return dates.length === 0 ? null : dates.reduce((a, b) => (a < b ? a : b));
}

/** The last day a card of `YYYY-MM` expiry is valid, `YYYY-MM-DD`. */
export function lastValidDay(expiryMonth: string): string {
  const [y, m] = expiryMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The default card expires before the next charge (or already did): the warning, else null. */
export function defaultCardWarning(
  methods: readonly PaymentMethod[],
  nextChargeOn: string | null,
): PaymentMethodWarning | null {
  const card = methods.find((m) => m.isDefault && m.type === 'card' && m.expiryMonth !== null);
  if (card === undefined || card.expiryMonth === null || nextChargeOn === null) return null;
  if (lastValidDay(card.expiryMonth) >= nextChargeOn) return null;
  return {
    kind: 'default_card_expires_before_next_charge',
    paymentMethodId: card.id,
    expiryMonth: card.expiryMonth,
    nextChargeOn,
  };
}

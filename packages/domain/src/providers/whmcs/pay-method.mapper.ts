import type { PaymentMethod, PaymentMethodType } from '../../billing/payment-method.schema';
import type { WhmcsPayMethodRaw, WhmcsPayMethodsRaw } from './raw.schema';
import { decodeOptionalText, normaliseKey } from './wire-values.mapper';

const TYPES: Readonly<Record<string, PaymentMethodType>> = {
  creditcard: 'card',
  remotecreditcard: 'card',
  bankaccount: 'bank_account',
  remotebankaccount: 'bank_account',
};

/** WHMCS pay method `type` (`CreditCard`, `RemoteCreditCard`, `BankAccount`, `RemoteBankAccount`); else `unknown`. */
export function toPaymentMethodType(type: string | null): PaymentMethodType {
  return TYPES[normaliseKey(type)] ?? 'unknown';
}

/**
 * A card expiry as WHMCS writes it (`MM/YY`, also `MM/YYYY`, `MMYY`, `YYYY-MM`) to `YYYY-MM`; null when blank or
 * not a month.
 */
export function toExpiryMonth(value: string | null): string | null {
  if (value === null) return null;
  const t = value.trim();
  let year: number;
  let month: number;
  let m = /^(\d{1,2})\s*[/-]\s*(\d{2}|\d{4})$/.exec(t);
  if (m) {
    month = Number(m[1]);
    year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  } else if ((m = /^(\d{2})(\d{2})$/.exec(t))) {
    month = Number(m[1]);
    year = 2000 + Number(m[2]);
  } else if ((m = /^(\d{4})-(\d{2})$/.exec(t))) {
    year = Number(m[1]);
    month = Number(m[2]);
  } else {
    return null;
  }
  if (month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Whether a `YYYY-MM` expiry month is over at `now` (a card is valid through the last day of its month, UTC). */
export function isExpiryMonthOver(expiryMonth: string, now: Date): boolean {
  const [y, m] = expiryMonth.split('-').map(Number) as [number, number];
  return now.getTime() >= Date.UTC(y, m, 1);
}

/** Only digits, the last four: a masked number such as `xxxx-4242` or `************4242` gives `4242`. */
function lastFourOf(value: string | null): string | null {
  const digits = (value ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

function defaultFlag(value: WhmcsPayMethodRaw['is_default']): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return ['1', 'true', 'on', 'yes'].includes(value.trim().toLowerCase());
}

/**
 * Maps one pay method (card or bank account; never more than brand, last four and expiry).
 * - `id` <- `id`; `type` <- `type`; `description` <- `description` (null when blank)
 * - `cardBrand` <- `card_type` (cards only); `lastFour` <- `card_last_four` (its last four digits)
 * - `expiryMonth` <- `expiry_date` (`MM/YY` -> `YYYY-MM`); `expired` from it and `now`
 * - `isDefault` <- `is_default` when present, else `isFirst` (WHMCS lists the default method first)
 * - `bankName` <- `bank_name` (bank accounts only); `gateway` <- `gateway_name`
 */
export function toPaymentMethod(
  raw: WhmcsPayMethodRaw,
  options: { now: Date; isFirst: boolean },
): PaymentMethod {
  const type = toPaymentMethodType(raw.type);
  const expiryMonth = type === 'card' ? toExpiryMonth(raw.expiry_date) : null;
  return {
    id: raw.id,
    type,
    description: decodeOptionalText(raw.description),
    cardBrand: type === 'card' ? raw.card_type : null,
    lastFour: lastFourOf(raw.card_last_four),
    expiryMonth,
    expired: expiryMonth !== null && isExpiryMonthOver(expiryMonth, options.now),
    isDefault: defaultFlag(raw.is_default) ?? options.isFirst,
    bankName: type === 'bank_account' ? decodeOptionalText(raw.bank_name) : null,
    gateway: raw.gateway_name,
  };
}

/**
 * Maps `GetPayMethods`. When no method carries `is_default` (older WHMCS), the first listed is the default (WHMCS
 * orders them by preference); when some do, those flags decide.
 */
export function toPaymentMethods(raw: WhmcsPayMethodsRaw, now: Date): PaymentMethod[] {
  const flagged = raw.paymethods.some((p) => p.is_default !== undefined);
  return raw.paymethods.map((p, i) => toPaymentMethod(p, { now, isFirst: !flagged && i === 0 }));
}

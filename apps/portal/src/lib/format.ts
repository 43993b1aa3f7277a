import { currencyExponent, type Money } from '@portico/domain';

/** Locale of every formatted number and date (fixed so server and browser render the same text). */
const LOCALE = 'en-US';

/**
 * Returns the formatter cached under `key`, building it on first use. `Intl` formatters are costly to construct and
 * tables format hundreds of cells per render, so each distinct set of options is built once.
 */
function cached<K, F>(cache: Map<K, F>, key: K, build: () => F): F {
  let formatter = cache.get(key);
  if (formatter === undefined) {
    formatter = build();
    cache.set(key, formatter);
  }
  return formatter;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
const byteFormats = new Map<number, Intl.NumberFormat>();
const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

/** Formats minor currency units, e.g. `{ amountMinor: 123456, currency: 'USD' }` -> `$1,234.56`. */
export function formatMoney(money: Money): string {
  const exponent = currencyExponent(money.currency);
  const format = cached(moneyFormats, money.currency, () =>
    new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency: money.currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    }),
  );
  return format.format(money.amountMinor / 10 ** exponent);
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/** Formats bytes with binary multiples (1 GB = 1024^3 bytes, as hosting plans count), e.g. `1.5 GB`. */
export function formatBytes(bytes: number, maximumFractionDigits = 1): string {
  if (!Number.isFinite(bytes)) return '–';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : value >= 100 ? 0 : maximumFractionDigits;
  const text = cached(byteFormats, digits, () => new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits })).format(value);
  return `${bytes < 0 ? '-' : ''}${text} ${BYTE_UNITS[unit] ?? 'B'}`;
}

/** Formats an ISO calendar date (`2026-11-21`) as `Nov 21, 2026`, without shifting it across time zones. */
export function formatDate(isoDate: string | null): string {
  if (!isoDate) return '–';
  const ms = Date.parse(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  if (Number.isNaN(ms)) return isoDate;
  return dateFormat.format(ms);
}

/** Formats an ISO timestamp in the viewer's time zone, e.g. `Nov 21, 2026, 10:04 AM`. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '–';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return dateTimeFormat.format(ms);
}

/** "just now", "2 min ago", "3 h ago", "5 days ago" for a timestamp relative to `nowMs`. */
export function formatRelative(iso: string, nowMs: number): string {
  const diffMs = nowMs - Date.parse(iso);
  if (Number.isNaN(diffMs)) return '';
  const seconds = Math.round(diffMs / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/** Whole days from today (UTC) to an ISO date; negative when past. */
export function daysUntil(isoDate: string, nowMs: number): number {
  const target = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  const today = new Date(nowMs);
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((target - todayUtc) / 86_400_000);
}

/** The text with its first letter in upper case: `must be set` -> `Must be set`. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `waiting_on_customer` -> `Waiting on customer`. */
export function humanize(value: string): string {
  return capitalize(value.replace(/_/g, ' '));
}

/**
 * A code as the billing system writes it, as words: `DomainRegister` -> `Domain register`, `stripe` -> `Stripe`,
 * `paypal_checkout` -> `Paypal checkout`; acronyms stay (`SSLCertificate` -> `SSL certificate`). `null` or blank -> `–`.
 */
export function formatCode(value: string | null): string {
  const words = (value ?? '')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((w) => w !== '')
    .map((w) => (w === w.toUpperCase() && w.length > 1 ? w : w.toLowerCase()));
  if (words.length === 0) return '–';
  return capitalize(words.join(' '));
}

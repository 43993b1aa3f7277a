import { currencyExponent, type Money } from '@portico/domain';

/**
 * Default `Intl` locale. Every formatter takes the viewer's locale as its last argument (components get it from
 * {@link useFormat}); the locale is explicit so the server and the browser render the same text.
 */
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
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** A plain number formatter of `locale` with at most `digits` fraction digits (cached). */
function numberFormat(locale: string, digits: number): Intl.NumberFormat {
  return cached(
    numberFormats,
    `${locale}|${digits}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }),
  );
}

/** Formats a number for `locale`, e.g. `1234.5` -> `1,234.5` (en-US) or `1.234,5` (de-DE). */
export function formatNumber(value: number, locale: string = LOCALE, maximumFractionDigits = 2): string {
  return numberFormat(locale, maximumFractionDigits).format(value);
}

/** Formats a ratio (0.42) as a percentage (`42%`, de-DE `42 %`). */
export function formatPercent(ratio: number, locale: string = LOCALE, maximumFractionDigits = 0): string {
  return cached(
    numberFormats,
    `${locale}|%${maximumFractionDigits}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits }),
  ).format(ratio);
}

/**
 * Formats minor currency units, e.g. `{ amountMinor: 123456, currency: 'USD' }` -> `$1,234.56` (en-US) or
 * `1.234,56 $` (de-DE).
 */
export function formatMoney(money: Money, locale: string = LOCALE): string {
  const exponent = currencyExponent(money.currency);
  const format = cached(
    moneyFormats,
    `${locale}|${money.currency}`,
    () =>
      new Intl.NumberFormat(locale, {
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
export function formatBytes(bytes: number, maximumFractionDigits = 1, locale: string = LOCALE): string {
  if (!Number.isFinite(bytes)) return '–';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : value >= 100 ? 0 : maximumFractionDigits;
  const text = numberFormat(locale, digits).format(value);
  return `${bytes < 0 ? '-' : ''}${text} ${BYTE_UNITS[unit] ?? 'B'}`;
}

/**
 * Formats an ISO calendar date (`2026-11-21`) as `Nov 21, 2026` (en-US) or `21.11.2026` (de-DE), without shifting it
 * across time zones.
 */
export function formatDate(isoDate: string | null, locale: string = LOCALE): string {
  if (!isoDate) return '–';
  const ms = Date.parse(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  if (Number.isNaN(ms)) return isoDate;
  return cached(
    dateFormats,
    `${locale}|date`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
  ).format(ms);
}

/**
 * A time axis tick in the viewer's language and time zone, worded by how round the instant is (d3's multi-scale
 * rule, with `Intl` instead of d3's English names): a time within the day (`2:30 PM` / `14:30`), a day (`Nov 27` /
 * `27. Nov.`), a month (`December` / `Dezember`), a year (`2027`).
 */
export function formatTimeTick(at: Date, locale: string = LOCALE): string {
  const style =
    at.getSeconds() !== 0 || at.getMilliseconds() !== 0
      ? 'second'
      : at.getMinutes() !== 0 || at.getHours() !== 0
        ? 'minute'
        : at.getDate() !== 1
          ? 'day'
          : at.getMonth() !== 0
            ? 'month'
            : 'year';
  const options: Record<typeof style, Intl.DateTimeFormatOptions> = {
    second: { hour: 'numeric', minute: '2-digit', second: '2-digit' },
    minute: { hour: 'numeric', minute: '2-digit' },
    day: { month: 'short', day: 'numeric' },
    month: { month: 'long' },
    year: { year: 'numeric' },
  };
  return cached(
    dateFormats,
    `${locale}|tick-${style}`,
    () => new Intl.DateTimeFormat(locale, options[style]),
  ).format(at);
}

/** Formats an ISO timestamp in the viewer's time zone, e.g. `Nov 21, 2026, 10:04 AM` or `21.11.2026, 10:04`. */
export function formatDateTime(iso: string | null, locale: string = LOCALE): string {
  if (!iso) return '–';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return cached(
    dateFormats,
    `${locale}|datetime`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(ms);
}

/**
 * A timestamp relative to `nowMs` in words of `locale`: `now`, `2 minutes ago`, `3 hours ago`, `yesterday`,
 * `5 days ago` (de-DE: `jetzt`, `vor 2 Minuten`, ...). Under 45 s (or slightly in the future: clock skew) is "now".
 */
export function formatRelative(iso: string, nowMs: number, locale: string = LOCALE): string {
  const diffMs = nowMs - Date.parse(iso);
  if (Number.isNaN(diffMs)) return '';
  const format = cached(
    relativeFormats,
    locale,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' }),
  );
  const seconds = Math.round(diffMs / 1000);
  if (seconds < 45) return format.format(0, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return format.format(-hours, 'hour');
  return format.format(-Math.round(hours / 24), 'day');
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

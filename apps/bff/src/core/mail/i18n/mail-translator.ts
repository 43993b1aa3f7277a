import { IntlMessageFormat } from 'intl-messageformat';
import { currencyExponent, localeSchema, type Locale, type Money } from '@portico/domain';
import { INTL_LOCALE } from '../../i18n/intl-locale';
import { MAIL_CATALOGUE_DE } from './mail-catalogue.de';
import { MAIL_CATALOGUE_EN } from './mail-catalogue.en';

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** A mail catalogue: the namespaces and keys of the English one, each language's own texts. */
export type MailCatalogue = Shape<typeof MAIL_CATALOGUE_EN>;

/** Every language's mail catalogue. */
export const MAIL_CATALOGUES: Readonly<Record<Locale, MailCatalogue>> = {
  en: MAIL_CATALOGUE_EN,
  de: MAIL_CATALOGUE_DE,
};

/** The language of a mail when the recipient saved none (or an unknown one). */
export const DEFAULT_MAIL_LOCALE: Locale = 'en';

/** Values of a message's ICU arguments. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** Texts and formats of one language, for the plain-text and the HTML part of a mail. */
export interface MailTranslator {
  readonly locale: Locale;
  /** The message at a dotted key (`invite.subject`) as plain text (`<b>` tags dropped). */
  text(key: string, values?: MessageValues): string;
  /** The message as HTML: every value escaped, `<b>…</b>` as `<strong>`. */
  html(key: string, values?: MessageValues): string;
  /** Minor units in the currency, e.g. `$1,234.56` / `1.234,56 $`. */
  money(money: Money): string;
  /** A number with at most `digits` fraction digits. */
  number(value: number, digits?: number): string;
  /** A ratio (0.9) as a percentage (`90%`, `90 %`). */
  percent(ratio: number, digits?: number): string;
  /** An ISO calendar date (`2026-11-21`) as `November 21, 2026` / `21. November 2026`, without a time zone shift. */
  date(isoDate: string): string;
  /** An instant with its time in UTC, e.g. `November 21, 2026 at 10:04 AM UTC`. */
  dateTimeUtc(at: Date): string;
  /** A `YYYY-MM` month as `March 2026` / `März 2026`. */
  month(yearMonth: string): string;
}

/** The recipient's saved language when it is one the mails speak, else English. */
export function mailLocale(saved: unknown): Locale {
  return localeSchema.safeParse(saved).data ?? DEFAULT_MAIL_LOCALE;
}

/** HTML-escapes text put into a mail's HTML part. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The leaf at a dotted key, or undefined. */
export function catalogueMessage(catalogue: MailCatalogue, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

const formats = new Map<string, IntlMessageFormat>();

function messageFormat(locale: Locale, key: string): IntlMessageFormat {
  const cacheKey = `${locale}|${key}`;
  let format = formats.get(cacheKey);
  if (format === undefined) {
    const message = catalogueMessage(MAIL_CATALOGUES[locale], key);
    if (message === undefined) throw new Error(`Missing mail message ${key} (${locale})`);
    format = new IntlMessageFormat(message, INTL_LOCALE[locale]);
    formats.set(cacheKey, format);
  }
  return format;
}

function render(
  locale: Locale,
  key: string,
  values: MessageValues,
  bold: (chunks: string) => string,
  escape: (s: string) => string,
): string {
  const escaped = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? escape(v) : v]),
  );
  const result = messageFormat(locale, key).format<string>({
    ...escaped,
    b: (chunks: string[]) => bold(chunks.join('')),
  });
  return Array.isArray(result) ? result.join('') : String(result);
}

/** The texts and formats of the mails in `locale` (anything but a supported language gives English). */
export function mailTranslator(locale: unknown): MailTranslator {
  const lang = mailLocale(locale);
  const intl = INTL_LOCALE[lang];
  return {
    locale: lang,
    text: (key, values = {}) =>
      render(
        lang,
        key,
        values,
        (s) => s,
        (s) => s,
      ),
    html: (key, values = {}) => render(lang, key, values, (s) => `<strong>${s}</strong>`, escapeHtml),
    money: (money) => {
      const exponent = currencyExponent(money.currency);
      return new Intl.NumberFormat(intl, {
        style: 'currency',
        currency: money.currency,
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
      }).format(money.amountMinor / 10 ** exponent);
    },
    number: (value, digits = 0) =>
      new Intl.NumberFormat(intl, { maximumFractionDigits: digits }).format(value),
    percent: (ratio, digits = 0) =>
      new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: digits }).format(ratio),
    date: (isoDate) => {
      const ms = Date.parse(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
      if (Number.isNaN(ms)) return isoDate;
      return new Intl.DateTimeFormat(intl, { dateStyle: 'long', timeZone: 'UTC' }).format(ms);
    },
    dateTimeUtc: (at) =>
      new Intl.DateTimeFormat(intl, {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'UTC',
      }).format(at) + ' UTC',
    month: (yearMonth) => {
      const ms = Date.parse(`${yearMonth.slice(0, 7)}-01T00:00:00Z`);
      if (Number.isNaN(ms)) return yearMonth;
      return new Intl.DateTimeFormat(intl, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(ms);
    },
  };
}

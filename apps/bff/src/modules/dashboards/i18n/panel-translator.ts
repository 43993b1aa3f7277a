import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale, UsageUnit } from '@portico/domain';
import { INTL_LOCALE } from '../../../core/i18n/intl-locale';
import { PANEL_CATALOGUE_DE } from './panel-catalogue.de';
import { PANEL_CATALOGUE_EN, type PanelMessageKey } from './panel-catalogue.en';

export type { PanelMessageKey } from './panel-catalogue.en';

/** Every language's panel catalogue. */
export const PANEL_CATALOGUES: Readonly<Record<Locale, Readonly<Record<PanelMessageKey, string>>>> = {
  en: PANEL_CATALOGUE_EN,
  de: PANEL_CATALOGUE_DE,
};

/** Values of a message's ICU arguments. */
export type PanelMessageValues = Readonly<Record<string, string | number>>;

/**
 * The words and formats of one language for the texts the BFF composes in panel data (plain text: the template
 * renderer and the SVG writer escape what they put into markup).
 */
export interface PanelTranslator {
  readonly locale: Locale;
  /** The message of `key` with its ICU arguments filled in (`kpi.usedOfLimit` → `4.2 GB of 10 GB`). */
  text(key: PanelMessageKey, values?: PanelMessageValues): string;
  /** A number with at most `digits` fraction digits (`1,234.5` / `1.234,5`). */
  number(value: number, digits?: number): string;
  /** A ratio (0.44) as a percentage with at most `digits` fraction digits (`44%` / `44 %`). */
  percent(ratio: number, digits?: number): string;
  /**
   * A value in a catalog metric's unit, with at most `decimals` fraction digits: bytes in decimal multiples (1 GB =
   * 10^9 bytes, as WHMCS and the portal do: `44.9 GB` / `44,9 GB`), seconds (`12 sec` / `12 Sek.`), requests with
   * their word (`1,250 requests` / `1.250 Anfragen`), counts as the bare number; counts and requests from 1,000 up
   * without a fraction.
   */
  metricValue(value: number, unit: UsageUnit, decimals?: number): string;
  /** A unit's word for labels (`bytes` / `Bytes`). */
  unit(unit: UsageUnit): string;
  /** An ISO calendar date or instant as its UTC day, e.g. `Nov 21, 2026` / `21.11.2026`. */
  date(date: string | Date): string;
  /** The short name of the UTC month of `at` (`Nov` / `Nov.`). */
  monthShort(at: Date): string;
  /** The short name of the UTC weekday of `at` (`Mon` / `Mo.`). */
  weekdayShort(at: Date): string;
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

const formats = new Map<string, IntlMessageFormat>();

function messageFormat(locale: Locale, key: PanelMessageKey): IntlMessageFormat {
  const cacheKey = `${locale}|${key}`;
  let format = formats.get(cacheKey);
  if (format === undefined) {
    format = new IntlMessageFormat(PANEL_CATALOGUES[locale][key], INTL_LOCALE[locale]);
    formats.set(cacheKey, format);
  }
  return format;
}

function createTranslator(locale: Locale): PanelTranslator {
  const intl = INTL_LOCALE[locale];
  const text = (key: PanelMessageKey, values: PanelMessageValues = {}): string => {
    const result = messageFormat(locale, key).format<string>(values);
    return Array.isArray(result) ? result.join('') : String(result);
  };
  // Intl formatters are costly to build and a heatmap formats a value per day: one per option set, kept.
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const numberFormat = (options: Intl.NumberFormatOptions): Intl.NumberFormat => {
    const key = JSON.stringify(options);
    let format = numberFormats.get(key);
    if (format === undefined) {
      format = new Intl.NumberFormat(intl, options);
      numberFormats.set(key, format);
    }
    return format;
  };
  const dayFormats = new Map<string, Intl.DateTimeFormat>();
  const day = (options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
    const key = JSON.stringify(options);
    let format = dayFormats.get(key);
    if (format === undefined) {
      format = new Intl.DateTimeFormat(intl, { ...options, timeZone: 'UTC' });
      dayFormats.set(key, format);
    }
    return format;
  };
  const unitFormat = (unit: string, digits: number) =>
    numberFormat({ style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits });
  const number = (value: number, digits = 0) => numberFormat({ maximumFractionDigits: digits }).format(value);
  return {
    locale,
    text,
    number,
    percent: (ratio, digits = 0) =>
      numberFormat({ style: 'percent', maximumFractionDigits: digits }).format(ratio),
    metricValue: (value, unit, decimals = 1) => {
      switch (unit) {
        case 'bytes': {
          let v = value;
          let i = 0;
          while (Math.abs(v) >= 1000 && i < BYTE_UNITS.length - 1) {
            v /= 1000;
            i++;
          }
          return unitFormat(BYTE_UNITS[i]!, decimals).format(v);
        }
        case 'seconds':
          return unitFormat('second', decimals).format(value);
        // Counts from a thousand up are whole: 797,540 requests, never 797,540.3.
        case 'count':
          return text('value.count', { value: number(value, Math.abs(value) >= 1000 ? 0 : decimals) });
        case 'requests':
          return text('value.requests', { value: number(value, Math.abs(value) >= 1000 ? 0 : decimals) });
      }
    },
    unit: (unit) => text(`unit.${unit}`),
    date: (date) => {
      const ms =
        typeof date === 'string'
          ? Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date)
          : date.getTime();
      return Number.isNaN(ms) ? String(date) : day({ dateStyle: 'medium' }).format(ms);
    },
    monthShort: (at) => day({ month: 'short' }).format(at),
    weekdayShort: (at) => day({ weekday: 'short' }).format(at),
  };
}

const translators = new Map<Locale, PanelTranslator>();

/** The panel texts and formats of `locale` (default English). */
export function panelTranslator(locale: Locale = 'en'): PanelTranslator {
  let translator = translators.get(locale);
  if (translator === undefined) {
    translator = createTranslator(locale);
    translators.set(locale, translator);
  }
  return translator;
}

'use client';

import { useMemo } from 'react';
import { useLocale } from 'next-intl';
import type { Money } from '@portico/domain';
import { INTL_LOCALE, isLocale } from '@/i18n/config';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRelative,
} from './format';

/** The `lib/format` formatters bound to the viewer's language. */
export interface Formatters {
  /** The `Intl` locale in use (`en-US`, `de-DE`). */
  locale: string;
  money: (money: Money) => string;
  bytes: (bytes: number, maximumFractionDigits?: number) => string;
  number: (value: number, maximumFractionDigits?: number) => string;
  percent: (ratio: number, maximumFractionDigits?: number) => string;
  date: (isoDate: string | null) => string;
  dateTime: (iso: string | null) => string;
  relative: (iso: string, nowMs: number) => string;
}

/** Formatters for the `Intl` locale of `appLocale` (`en` -> `en-US`, `de` -> `de-DE`). */
export function formattersFor(appLocale: string): Formatters {
  const locale = isLocale(appLocale) ? INTL_LOCALE[appLocale] : appLocale;
  return {
    locale,
    money: (money) => formatMoney(money, locale),
    bytes: (bytes, digits = 1) => formatBytes(bytes, digits, locale),
    number: (value, digits = 2) => formatNumber(value, locale, digits),
    percent: (ratio, digits = 0) => formatPercent(ratio, locale, digits),
    date: (isoDate) => formatDate(isoDate, locale),
    dateTime: (iso) => formatDateTime(iso, locale),
    relative: (iso, nowMs) => formatRelative(iso, nowMs, locale),
  };
}

/** Money, bytes, numbers and dates formatted by `Intl` for the page's language (next-intl's locale). */
export function useFormat(): Formatters {
  const locale = useLocale();
  return useMemo(() => formattersFor(locale), [locale]);
}

import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '@portico/domain';
import { argumentsOf } from '../../../../test/support/icu-arguments';
import { PANEL_CATALOGUES, panelTranslator } from './panel-translator';

const languages = Object.keys(PANEL_CATALOGUES) as Locale[];

/** The keys of catalogue `a` that `b` lacks. */
const missingIn = (a: object, b: object): string[] => Object.keys(a).filter((k) => !(k in b));

describe('panel catalogues', () => {
  it.each(languages)('%s holds exactly the keys of every other language', (locale) => {
    for (const other of languages.filter((l) => l !== locale))
      expect(missingIn(PANEL_CATALOGUES[locale], PANEL_CATALOGUES[other])).toEqual([]);
  });

  it('fails for a key that exists in one language only', () => {
    expect(
      missingIn({ 'heatmap.less': 'Less', 'heatmap.extra': 'x' }, { 'heatmap.less': 'Weniger' }),
    ).toEqual(['heatmap.extra']);
  });

  it('gives every message of each language the ICU arguments of its English one', () => {
    for (const locale of languages) {
      const catalogue: Readonly<Record<string, string>> = PANEL_CATALOGUES[locale];
      const mismatched = Object.entries(PANEL_CATALOGUES.en).filter(
        ([key, english]) => argumentsOf(catalogue[key] ?? '').join() !== argumentsOf(english).join(),
      );
      expect(mismatched.map(([key]) => `${locale}:${key}`)).toEqual([]);
    }
  });

  it.each(languages)('%s: every message parses and none is empty', (locale) => {
    const broken = Object.entries(PANEL_CATALOGUES[locale]).filter(([, message]) => {
      try {
        new IntlMessageFormat(message, locale);
      } catch {
        return true;
      }
      return message.trim() === '';
    });
    expect(broken).toEqual([]);
  });
});

describe('panel translator', () => {
  const en = panelTranslator('en');
  const de = panelTranslator('de');

  it('words messages in the language, with plurals and numbers of the locale', () => {
    expect(en.text('column.invoices.number')).toBe('Invoice');
    expect(de.text('column.invoices.number')).toBe('Rechnung');
    expect(en.text('kpi.dueServices', { count: 1, date: 'Nov 30, 2026' })).toBe(
      '1 service due by Nov 30, 2026; compared with the last invoice',
    );
    expect(de.text('kpi.dueServices', { count: 1200, date: '30.11.2026' })).toBe(
      '1.200 Dienste bis 30.11.2026 fällig; verglichen mit der letzten Rechnung',
    );
    expect(de.text('heatmap.label', { metric: 'Bandbreite', days: 91 })).toBe('Bandbreite, täglich, 91 Tage');
  });

  it('formats metric values for the locale: decimal byte multiples, seconds, requests, counts', () => {
    // Intl may put a no-break space between a number and its unit: compared as plain spaces.
    const plain = (s: string) => s.replace(/\s/gu, ' ');
    expect(plain(en.metricValue(44_912_345_678, 'bytes'))).toBe('44.9 GB');
    expect(plain(de.metricValue(44_912_345_678, 'bytes'))).toBe('44,9 GB');
    expect(plain(de.metricValue(999, 'bytes', 0))).toBe('999 Byte');
    expect(en.metricValue(1250, 'requests')).toBe('1,250 requests');
    expect(de.metricValue(1250, 'requests')).toBe('1.250 Anfragen');
    expect(de.metricValue(12.25, 'count')).toBe('12,3');
    expect(de.metricValue(797_540.3, 'requests')).toBe('797.540 Anfragen');
    expect(plain(en.metricValue(12, 'seconds'))).toBe('12 sec');
    expect(de.unit('bytes')).toBe('Bytes');
  });

  it('formats percentages, dates, months and weekdays for the locale, in UTC', () => {
    expect(en.percent(0.44)).toBe('44%');
    expect(de.percent(0.44)).toBe('44\u00a0%');
    expect(en.date('2026-11-21')).toBe('Nov 21, 2026');
    expect(de.date('2026-11-21')).toBe('21.11.2026');
    expect(de.date(new Date('2026-11-21T23:30:00Z'))).toBe('21.11.2026');
    const monday = new Date('2026-11-02T00:00:00Z');
    expect([en.weekdayShort(monday), de.weekdayShort(monday)]).toEqual(['Mon', 'Mo']);
    expect([en.monthShort(monday), de.monthShort(monday)]).toEqual(['Nov', 'Nov']);
  });
});

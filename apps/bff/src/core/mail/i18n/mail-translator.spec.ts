import { IntlMessageFormat } from 'intl-messageformat';
import {
  catalogueMessage,
  escapeHtml,
  mailLocale,
  mailTranslator,
  MAIL_CATALOGUES,
  type MailCatalogue,
} from './mail-translator';
import { argumentsOf } from '../../../../test/support/icu-arguments';

/** Every leaf of a catalogue as a dotted key, sorted. */
function keysOf(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix.slice(0, -1)];
  return Object.entries(node as Record<string, unknown>)
    .flatMap(([k, v]) => keysOf(v, `${prefix}${k}.`))
    .sort();
}

const languages = Object.keys(MAIL_CATALOGUES) as (keyof typeof MAIL_CATALOGUES)[];

describe('mail catalogues', () => {
  it.each(languages)('%s holds exactly the keys of every other language', (locale) => {
    const keys = keysOf(MAIL_CATALOGUES[locale]);
    for (const other of languages.filter((l) => l !== locale)) {
      const otherKeys = new Set(keysOf(MAIL_CATALOGUES[other]));
      expect(keys.filter((k) => !otherKeys.has(k))).toEqual([]);
    }
  });

  it('fails for a key that exists in one language only', () => {
    const a = keysOf({ invite: { subject: 'S', extra: 'Only here' } });
    const b = new Set(keysOf({ invite: { subject: 'B' } }));
    expect(a.filter((k) => !b.has(k))).toEqual(['invite.extra']);
  });

  it('gives every German message the ICU arguments and tags of its English one', () => {
    const mismatched = keysOf(MAIL_CATALOGUES.en).filter(
      (key) =>
        argumentsOf(catalogueMessage(MAIL_CATALOGUES.de, key) ?? '').join() !==
        argumentsOf(catalogueMessage(MAIL_CATALOGUES.en, key) ?? '').join(),
    );
    expect(mismatched).toEqual([]);
  });

  it.each(languages)('%s: every message parses, and none holds markup but <b>', (locale) => {
    const catalogue: MailCatalogue = MAIL_CATALOGUES[locale];
    const broken = keysOf(catalogue).filter((key) => {
      const message = catalogueMessage(catalogue, key) ?? '';
      try {
        new IntlMessageFormat(message, locale);
      } catch {
        return true;
      }
      return message.trim() === '' || /&|<(?!\/?b>)/.test(message);
    });
    expect(broken).toEqual([]);
  });
});

describe('mailTranslator', () => {
  it('falls back to English for no or an unknown saved language', () => {
    expect(mailLocale(null)).toBe('en');
    expect(mailLocale('fr')).toBe('en');
    expect(mailLocale('de')).toBe('de');
    expect(mailTranslator(undefined).text('passwordReset.subject')).toBe('Reset your Portico password');
  });

  it('renders German plurals, money and dates', () => {
    const t = mailTranslator('de');
    expect(t.text('passwordReset.openWithin', { minutes: 1 })).toContain('innerhalb von 1 Minute:');
    expect(t.text('passwordReset.openWithin', { minutes: 30 })).toContain('innerhalb von 30 Minuten:');
    expect(t.money({ amountMinor: 123456, currency: 'EUR' })).toBe('1.234,56\u00a0€');
    expect(t.date('2026-11-21')).toBe('21. November 2026');
    expect(t.month('2026-03')).toBe('März 2026');
  });

  it('escapes values in HTML, sets <b> in bold there and drops it in text', () => {
    const t = mailTranslator('en');
    const values = { who: 'Eve <script>', account: 'A & B', role: 'Owner' };
    expect(t.html('invite.intro', values)).toBe(
      'Eve &lt;script&gt; invited you to join <strong>A &amp; B</strong> on Portico as Owner.',
    );
    expect(t.text('invite.intro', values)).toBe(
      'Eve <script> invited you to join A & B on Portico as Owner.',
    );
    expect(escapeHtml(`"'`)).toBe('&quot;&#39;');
  });
});

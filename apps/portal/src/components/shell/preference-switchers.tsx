'use client';

import { useId, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { isLocale, LOCALE_COOKIE, LOCALE_NAMES, LOCALES, type AppLocale } from '@/i18n/config';
import { THEME_CHOICES, writePreferenceCookie, type ThemeChoice } from '@/lib/theme';
import { useTheme } from '@/lib/theme-context';

const THEME_KEY: Readonly<Record<ThemeChoice, 'themeSystem' | 'themeLight' | 'themeDark'>> = {
  system: 'themeSystem',
  light: 'themeLight',
  dark: 'themeDark',
};

/**
 * The language and theme pickers (native selects: labelled, keyboard-operable everywhere). A new language is kept in
 * the `portico_locale` cookie and the page re-renders on the server in that language; the theme applies at once.
 */
export function PreferenceSwitchers({ className }: { className?: string }) {
  const t = useTranslations('preferences');
  const locale = useLocale();
  const router = useRouter();
  const { theme, setTheme } = useTheme();
  const [pending, startTransition] = useTransition();
  const languageId = useId();
  const themeId = useId();

  function changeLocale(next: AppLocale) {
    writePreferenceCookie(LOCALE_COOKIE, next);
    startTransition(() => router.refresh());
  }

  return (
    <div className={`preferences${className ? ` ${className}` : ''}`}>
      <div className="preferences__field">
        <label htmlFor={languageId}>{t('language')}</label>
        <select
          id={languageId}
          value={locale}
          disabled={pending}
          data-testid="language-switcher"
          onChange={(e) => {
            if (isLocale(e.target.value)) changeLocale(e.target.value);
          }}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      <div className="preferences__field">
        <label htmlFor={themeId}>{t('theme')}</label>
        <select id={themeId} value={theme} data-testid="theme-switcher" onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
          {THEME_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t(THEME_KEY[choice])}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

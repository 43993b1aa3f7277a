'use client';

import { useId, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import type { Me } from '@portico/domain';
import { authKeys } from '@/features/auth/api/keys';
import { isLocale, LOCALE_COOKIE, LOCALE_NAMES, LOCALES, type AppLocale } from '@/i18n/config';
import { browserApiClient } from '@/lib/api-client';
import { THEME_CHOICES, writePreferenceCookie, type ThemeChoice } from '@/lib/theme';
import { useTheme } from '@/lib/theme-context';
import styles from './preference-switchers.module.css';
import { cx } from '@/lib/cx';

const THEME_KEY: Readonly<Record<ThemeChoice, 'themeSystem' | 'themeLight' | 'themeDark'>> = {
  system: 'themeSystem',
  light: 'themeLight',
  dark: 'themeDark',
};

/**
 * The language and theme pickers (native selects: labelled, keyboard-operable everywhere). A new language is kept in
 * the `portico_locale` cookie and, when `signedIn`, saved on the user (`PUT /api/v1/me/locale`) so it follows them to
 * other devices and their emails; the page then re-renders on the server in that language. The theme applies at once.
 */
export function PreferenceSwitchers({
  signedIn = false,
  className,
}: {
  signedIn?: boolean;
  className?: string;
}) {
  const t = useTranslations('preferences');
  const locale = useLocale();
  const router = useRouter();
  const { theme, setTheme } = useTheme();
  const [pending, startTransition] = useTransition();
  const [saveFailed, setSaveFailed] = useState(false);
  const queryClient = useQueryClient();
  const languageId = useId();
  const themeId = useId();

  async function changeLocale(next: AppLocale) {
    writePreferenceCookie(LOCALE_COOKIE, next);
    setSaveFailed(false);
    if (signedIn) {
      try {
        await browserApiClient.send('/api/v1/me/locale', { method: 'PUT', body: { locale: next } });
        queryClient.setQueryData<Me>(authKeys.me(), (old) =>
          old ? { ...old, user: { ...old.user, locale: next } } : old,
        );
      } catch {
        // The cookie still carries the choice on this device; say that it did not reach the account.
        setSaveFailed(true);
      }
    }
    startTransition(() => router.refresh());
  }

  return (
    <div className={cx(styles.preferences, className)}>
      <div className={styles.field}>
        <label htmlFor={languageId}>{t('language')}</label>
        <select
          id={languageId}
          value={locale}
          disabled={pending}
          data-testid="language-switcher"
          onChange={(e) => {
            if (isLocale(e.target.value)) void changeLocale(e.target.value);
          }}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor={themeId}>{t('theme')}</label>
        <select
          id={themeId}
          value={theme}
          data-testid="theme-switcher"
          onChange={(e) => setTheme(e.target.value as ThemeChoice)}
        >
          {THEME_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t(THEME_KEY[choice])}
            </option>
          ))}
        </select>
      </div>
      {saveFailed ? (
        <p className="small muted" role="status">
          {t('saveFailed')}
        </p>
      ) : null}
    </div>
  );
}

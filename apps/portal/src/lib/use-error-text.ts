'use client';

import { useCallback } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { brokenPasswordRules, PASSPHRASE_MIN_WORDS, PASSWORD_MIN_LENGTH } from '@portico/domain';
import { errorText } from './error-text';

/**
 * {@link errorText} bound to the page's language: `(error, fallback?, options?) => text`, where `fallback` (default
 * `common.somethingWrong`) is the caller's own words for what failed.
 */
export function useErrorText(): (
  error: unknown,
  fallback?: string,
  options?: { details?: boolean },
) => string {
  const locale = useLocale();
  const t = useTranslations('common');
  return useCallback(
    (error: unknown, fallback?: string, options?: { details?: boolean }) =>
      errorText(
        error,
        locale,
        { client: (code) => t(`clientError.${code}`), api: (code) => t(`apiError.${code}`) },
        fallback ?? t('somethingWrong'),
        options,
      ),
    [locale, t],
  );
}

/**
 * The first password rule `password` breaks (see the domain's `brokenPasswordRules`), worded in the page's language,
 * or null when it breaks none.
 */
export function usePasswordRuleText(): (password: string, email: string | null) => string | null {
  const t = useTranslations('common.passwordRule');
  return useCallback(
    (password: string, email: string | null) => {
      const [rule] = brokenPasswordRules(password, email);
      return rule === undefined ? null : t(rule, { min: PASSWORD_MIN_LENGTH, words: PASSPHRASE_MIN_WORDS });
    },
    [t],
  );
}

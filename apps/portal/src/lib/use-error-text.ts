'use client';

import { useCallback, useMemo } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import {
  brokenPasswordRules,
  PASSPHRASE_MIN_WORDS,
  PASSWORD_MIN_LENGTH,
  type FieldIssue,
} from '@portico/domain';
import { errorText } from './error-text';
import { fieldIssueOf, fieldIssueValues, type ZodIssueLike } from './field-issue-text';
import { issuesOf, type FieldIssueText } from './form-text';

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

/**
 * Field issues in the page's language, for {@link fieldErrorsOf}: on an English page the domain's and the BFF's own
 * messages (written for people); on any other, the browser's zod issues worded by their code (`common.fieldIssue.*`,
 * see {@link fieldIssueOf}) and the BFF's `details` worded by the rule each names (`rule`, `limit`), or as "not
 * valid" on their field when it names none.
 */
export function useFieldIssues(): {
  fromZod: (error: { issues: readonly ZodIssueLike[] }, prefix?: readonly string[]) => FieldIssueText[];
  fromBff: (details: readonly FieldIssue[]) => FieldIssueText[];
} {
  const locale = useLocale();
  const t = useTranslations('common.fieldIssue');
  return useMemo(
    () => ({
      fromZod: (error, prefix = []) =>
        locale === 'en'
          ? issuesOf(error, prefix)
          : issuesOf(error, prefix, (issue) => {
              const { key, values } = fieldIssueOf(issue);
              return t(key, values);
            }),
      fromBff: (details) =>
        locale === 'en'
          ? details.map((d) => ({ path: d.path, message: d.message }))
          : details.map((d) => ({
              path: d.path,
              message: d.rule === undefined ? t('invalid') : t(d.rule, fieldIssueValues(d.rule, d.limit)),
            })),
    }),
    [locale, t],
  );
}

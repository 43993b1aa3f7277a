'use client';

import { useEffect, useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useResetPasswordAuthMutation } from '@/features/auth/api/use-password-reset-auth-mutation';
import { formText } from '@/lib/form-text';
import { useErrorText, usePasswordRuleText } from '@/lib/use-error-text';
import { useHydrated } from '@/lib/use-hydrated';
import { cx } from '@/lib/cx';
import fieldStyles from '@/components/ui/field.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';

/**
 * Sets a new password with the token from the emailed link. The link carries the token in the URL fragment
 * (`#token=...`), which browsers never send to a server, so it stays out of logs and Referer headers.
 */
export function ResetPasswordForm() {
  const reset = useResetPasswordAuthMutation();
  const hydrated = useHydrated();
  const t = useTranslations('auth.reset');
  const tCommon = useTranslations('common');
  const errorText = useErrorText();
  const brokenRule = usePasswordRuleText();
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const value = new URLSearchParams(window.location.hash.slice(1)).get('token');
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the token is in the URL fragment, which only the browser sees after hydration
    setToken(value);
    if (value) window.history.replaceState(null, '', window.location.pathname);
  }, []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    const password = formText(form, 'password');
    if (password !== formText(form, 'confirm')) {
      setError(t('differ'));
      return;
    }
    const broken = brokenRule(password, null);
    if (broken !== null) {
      setError(broken);
      return;
    }
    if (!token) return;
    reset.mutate(
      { token, newPassword: password },
      { onError: (err) => setError(errorText(err, undefined, { details: true })) },
    );
  }

  if (reset.isSuccess) {
    return (
      <div className={fieldStyles.form}>
        <div className={alertStyles.alert} role="status" data-testid="reset-done">
          {t('done')}
        </div>
        <Link className={cx(buttonStyles.button, buttonStyles.primary, buttonStyles.block)} href="/login">
          {tCommon('signIn')}
        </Link>
      </div>
    );
  }
  if (token === null) {
    return (
      <div className={fieldStyles.form}>
        <p className="muted">{t('needsLink')}</p>
        <Link className="link" href="/forgot-password">
          {t('askAgain')}
        </Link>
      </div>
    );
  }
  return (
    <form
      className={fieldStyles.form}
      onSubmit={onSubmit}
      noValidate
      aria-describedby={error ? 'reset-error' : undefined}
    >
      {error ? (
        <div
          id="reset-error"
          className={cx(alertStyles.alert, alertStyles.danger)}
          role="alert"
          data-testid="reset-error"
        >
          {error}
        </div>
      ) : null}
      <div className={fieldStyles.field}>
        <label htmlFor="password">{t('newPassword')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          disabled={reset.isPending}
        />
      </div>
      <div className={fieldStyles.field}>
        <label htmlFor="confirm">{t('repeat')}</label>
        <input
          id="confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          disabled={reset.isPending}
        />
      </div>
      <button
        type="submit"
        className={cx(buttonStyles.button, buttonStyles.primary, buttonStyles.block)}
        disabled={!hydrated || reset.isPending}
      >
        {reset.isPending ? tCommon('saving') : t('submit')}
      </button>
    </form>
  );
}

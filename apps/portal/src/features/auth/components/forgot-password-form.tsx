'use client';

import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { passwordForgotRequestSchema } from '@portico/domain';
import { useForgotPasswordAuthMutation } from '@/features/auth/api/use-password-reset-auth-mutation';
import { useHydrated } from '@/lib/use-hydrated';
import { useErrorText } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import fieldStyles from '@/components/ui/field.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';

/** Asks for a reset link. The answer is the same whether or not the email has an account. */
export function ForgotPasswordForm() {
  const forgot = useForgotPasswordAuthMutation();
  const hydrated = useHydrated();
  const t = useTranslations('auth.forgot');
  const errorText = useErrorText();
  const tCommon = useTranslations('common');
  const tLogin = useTranslations('auth.login');
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const parsed = passwordForgotRequestSchema.safeParse({
      email: new FormData(event.currentTarget).get('email'),
    });
    if (!parsed.success) {
      setError(t('invalidEmail'));
      return;
    }
    forgot.mutate(parsed.data, { onError: (err) => setError(errorText(err, t('failed'))) });
  }

  if (forgot.isSuccess) {
    return (
      <div className={fieldStyles.form}>
        <div className={alertStyles.alert} role="status" data-testid="forgot-sent">
          {t('sent')}
        </div>
        <Link className="link" href="/login">
          {tCommon('backToSignIn')}
        </Link>
      </div>
    );
  }
  return (
    <form
      className={fieldStyles.form}
      onSubmit={onSubmit}
      noValidate
      aria-describedby={error ? 'forgot-error' : undefined}
    >
      {error ? (
        <div id="forgot-error" className={cx(alertStyles.alert, alertStyles.danger)} role="alert">
          {error}
        </div>
      ) : null}
      <div className={fieldStyles.field}>
        <label htmlFor="email">{tLogin('email')}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          disabled={forgot.isPending}
        />
      </div>
      <button
        type="submit"
        className={cx(buttonStyles.button, buttonStyles.primary, buttonStyles.block)}
        disabled={!hydrated || forgot.isPending}
      >
        {forgot.isPending ? t('submitting') : t('submit')}
      </button>
      <Link className="link small" href="/login">
        {tCommon('backToSignIn')}
      </Link>
    </form>
  );
}

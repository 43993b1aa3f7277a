'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { useChangePasswordSecurityMutation } from '@/features/settings/api/use-security-mutations';
import { formText } from '@/lib/form-text';
import { useErrorText, usePasswordRuleText } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import buttonStyles from '@/components/ui/button.module.css';

/** Change the password (current one required); every other session is signed out. */
export function PasswordCard() {
  const change = useChangePasswordSecurityMutation();
  const t = useTranslations('settings.password');
  const errorText = useErrorText();
  const brokenRule = usePasswordRuleText();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = formText(form, 'current');
    const newPassword = formText(form, 'new');
    const broken = brokenRule(newPassword, null);
    if (currentPassword.length === 0) return setError(t('enterCurrent'));
    if (broken !== null) return setError(broken);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => formElement.reset(),
        onError: (err) => setError(errorText(err, undefined, { details: true })),
      },
    );
  }

  return (
    <section className={cardStyles.card} aria-labelledby="password-title">
      <h2 className={cardStyles.title} id="password-title">
        {t('title')}
      </h2>
      <form className={fieldStyles.form} onSubmit={onSubmit} noValidate>
        {error ? (
          <p className="text-danger" role="alert">
            {error}
          </p>
        ) : null}
        {change.isSuccess ? (
          <p role="status" data-testid="password-changed">
            {t('changed')}
          </p>
        ) : null}
        <div className={fieldStyles.field}>
          <label htmlFor="current-password">{t('current')}</label>
          <input
            id="current-password"
            name="current"
            type="password"
            autoComplete="current-password"
            required
          />
        </div>
        <div className={fieldStyles.field}>
          <label htmlFor="new-password">{t('new')}</label>
          <input
            id="new-password"
            name="new"
            type="password"
            autoComplete="new-password"
            required
            aria-describedby="new-password-hint"
          />
          <p className={fieldStyles.hint} id="new-password-hint">
            {t('hint')}
          </p>
        </div>
        <button
          type="submit"
          className={cx(buttonStyles.button, buttonStyles.primary)}
          disabled={change.isPending}
        >
          {t('submit')}
        </button>
      </form>
    </section>
  );
}

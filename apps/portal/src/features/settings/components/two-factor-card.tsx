'use client';

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { recoveryCodeSchema, totpCodeSchema } from '@portico/domain';
import { mfaStatusQuery } from '@/features/settings/api/settings.queries';
import {
  useConfirmMfaSecurityMutation,
  useDisableMfaSecurityMutation,
  useStartMfaSecurityMutation,
} from '@/features/settings/api/use-security-mutations';
import { browserApiClient } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { formText } from '@/lib/form-text';
import { useErrorText } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import cardStyles from '@/components/ui/card.module.css';
import listStyles from '@/components/ui/list.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import badgeStyles from '@/components/ui/badge.module.css';

/**
 * Two-factor authentication: set up (QR code or key, then a first code), the ten recovery codes shown once, and
 * turning it off with the password and a code.
 */
export function TwoFactorCard() {
  const status = useQuery(mfaStatusQuery(browserApiClient));
  const start = useStartMfaSecurityMutation();
  const confirm = useConfirmMfaSecurityMutation();
  const disable = useDisableMfaSecurityMutation();
  const [error, setError] = useState<string | null>(null);
  const [disabling, setDisabling] = useState(false);
  const t = useTranslations('settings.mfa');
  const common = useTranslations('common');
  const errorText = useErrorText();
  const f = useFormat();

  function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const parsed = totpCodeSchema.safeParse(new FormData(event.currentTarget).get('code'));
    if (!parsed.success) return setError(t('enterCode'));
    confirm.mutate(parsed.data, {
      onError: (err) => setError(err.status === 400 ? t('invalidCode') : errorText(err)),
    });
  }

  function onDisable(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    const code = formText(form, 'code').trim();
    const password = formText(form, 'password');
    const body = totpCodeSchema.safeParse(code).success
      ? { password, code }
      : recoveryCodeSchema.safeParse(code).success
        ? { password, recoveryCode: code }
        : null;
    if (!body || password.length === 0) return setError(t('enterPasswordAndCode'));
    disable.mutate(body, {
      onSuccess: () => {
        setDisabling(false);
        start.reset();
        confirm.reset();
      },
      onError: (err) => setError(errorText(err, undefined, { details: true })),
    });
  }

  const alert = error ? (
    <p className="text-danger" role="alert" data-testid="mfa-error">
      {error}
    </p>
  ) : null;

  if (confirm.data) {
    return (
      <section className={cardStyles.card} aria-labelledby="mfa-title" data-testid="mfa-card">
        <h2 className={cardStyles.title} id="mfa-title">
          {t('nowOn')}
        </h2>
        <p>{t('saveCodes')}</p>
        <ul className={cx(listStyles.list, 'tabular')} data-testid="recovery-codes">
          {confirm.data.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <div className={fieldStyles.actions}>
          <button
            type="button"
            className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
            onClick={() => void navigator.clipboard?.writeText(confirm.data.recoveryCodes.join('\n'))}
          >
            {t('copyCodes')}
          </button>
          <button
            type="button"
            className={cx(buttonStyles.button, buttonStyles.primary, buttonStyles.small)}
            onClick={() => confirm.reset()}
          >
            {t('savedCodes')}
          </button>
        </div>
      </section>
    );
  }

  if (status.data?.enabled) {
    return (
      <section className={cardStyles.card} aria-labelledby="mfa-title" data-testid="mfa-card">
        <h2 className={cardStyles.title} id="mfa-title">
          {t('title')} <span className={cx(badgeStyles.badge, badgeStyles.success)}>{t('on')}</span>
        </h2>
        <p className="muted">
          {t('onSince', {
            date: f.date(status.data.enabledAt),
            remaining: status.data.recoveryCodesRemaining,
          })}
        </p>
        {disabling ? (
          <form className={fieldStyles.form} onSubmit={onDisable} noValidate>
            {alert}
            <div className={fieldStyles.field}>
              <label htmlFor="mfa-off-password">{t('password')}</label>
              <input
                id="mfa-off-password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
              />
            </div>
            <div className={fieldStyles.field}>
              <label htmlFor="mfa-off-code">{t('offCode')}</label>
              <input id="mfa-off-code" name="code" type="text" autoComplete="one-time-code" required />
            </div>
            <div className={fieldStyles.actions}>
              <button
                type="submit"
                className={cx(buttonStyles.button, buttonStyles.secondary)}
                disabled={disable.isPending}
              >
                {t('turnOff')}
              </button>
              <button
                type="button"
                className={cx(buttonStyles.button, buttonStyles.ghost)}
                onClick={() => setDisabling(false)}
              >
                {common('cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button
            type="button"
            className={cx(buttonStyles.button, buttonStyles.ghost, buttonStyles.small)}
            onClick={() => setDisabling(true)}
          >
            {t('turnOffStart')}
          </button>
        )}
      </section>
    );
  }

  return (
    <section className={cardStyles.card} aria-labelledby="mfa-title" data-testid="mfa-card">
      <h2 className={cardStyles.title} id="mfa-title">
        {t('title')} <span className={cx(badgeStyles.badge, badgeStyles.neutral)}>{t('off')}</span>
      </h2>
      {start.data ? (
        <form className={fieldStyles.form} onSubmit={onConfirm} noValidate>
          <p>{t('scan')}</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made per enrolment; next/image cannot optimise it */}
          <img src={start.data.qrCodeDataUrl} alt={t('qrAlt')} width={200} height={200} />
          <p className="small muted">
            {t.rich('manualKey', {
              key: start.data.manualEntryKey,
              code: (chunks) => <code data-testid="mfa-key">{chunks}</code>,
            })}
          </p>
          {alert}
          <div className={fieldStyles.field}>
            <label htmlFor="mfa-code">{t('code')}</label>
            <input
              id="mfa-code"
              name="code"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
            />
          </div>
          <button
            type="submit"
            className={cx(buttonStyles.button, buttonStyles.primary)}
            disabled={confirm.isPending}
          >
            {t('turnOn')}
          </button>
        </form>
      ) : (
        <>
          <p className="muted">{t('intro')}</p>
          {start.isError ? <p className="text-danger">{errorText(start.error)}</p> : null}
          <div className={fieldStyles.actions}>
            <button
              type="button"
              className={cx(buttonStyles.button, buttonStyles.primary, buttonStyles.small)}
              disabled={start.isPending}
              onClick={() => start.mutate()}
            >
              {t('setUp')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

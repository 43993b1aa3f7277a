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
      <section className="card" aria-labelledby="mfa-title" data-testid="mfa-card">
        <h2 className="card__title" id="mfa-title">
          {t('nowOn')}
        </h2>
        <p>{t('saveCodes')}</p>
        <ul className="list tabular" data-testid="recovery-codes">
          {confirm.data.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <div className="form__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => void navigator.clipboard?.writeText(confirm.data.recoveryCodes.join('\n'))}
          >
            {t('copyCodes')}
          </button>
          <button
            type="button"
            className="button button--primary button--small"
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
      <section className="card" aria-labelledby="mfa-title" data-testid="mfa-card">
        <h2 className="card__title" id="mfa-title">
          {t('title')} <span className="badge badge--success">{t('on')}</span>
        </h2>
        <p className="muted">
          {t('onSince', {
            date: f.date(status.data.enabledAt),
            remaining: status.data.recoveryCodesRemaining,
          })}
        </p>
        {disabling ? (
          <form className="form" onSubmit={onDisable} noValidate>
            {alert}
            <div className="field">
              <label htmlFor="mfa-off-password">{t('password')}</label>
              <input
                id="mfa-off-password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
              />
            </div>
            <div className="field">
              <label htmlFor="mfa-off-code">{t('offCode')}</label>
              <input id="mfa-off-code" name="code" type="text" autoComplete="one-time-code" required />
            </div>
            <div className="form__actions">
              <button type="submit" className="button button--secondary" disabled={disable.isPending}>
                {t('turnOff')}
              </button>
              <button type="button" className="button button--ghost" onClick={() => setDisabling(false)}>
                {common('cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setDisabling(true)}
          >
            {t('turnOffStart')}
          </button>
        )}
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="mfa-title" data-testid="mfa-card">
      <h2 className="card__title" id="mfa-title">
        {t('title')} <span className="badge badge--neutral">{t('off')}</span>
      </h2>
      {start.data ? (
        <form className="form" onSubmit={onConfirm} noValidate>
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
          <div className="field">
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
          <button type="submit" className="button button--primary" disabled={confirm.isPending}>
            {t('turnOn')}
          </button>
        </form>
      ) : (
        <>
          <p className="muted">{t('intro')}</p>
          {start.isError ? <p className="text-danger">{errorText(start.error)}</p> : null}
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary button--small"
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

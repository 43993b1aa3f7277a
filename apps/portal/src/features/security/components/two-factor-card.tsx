'use client';

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { recoveryCodeSchema, totpCodeSchema } from '@portico/domain';
import { mfaStatusQuery } from '@/features/security/api/security.queries';
import {
  useConfirmMfaSecurityMutation,
  useDisableMfaSecurityMutation,
  useStartMfaSecurityMutation,
} from '@/features/security/api/use-security-mutations';
import { browserApiClient } from '@/lib/api-client';
import { formatDate } from '@/lib/format';
import { formText } from '@/lib/form-text';

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

  function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const parsed = totpCodeSchema.safeParse(new FormData(event.currentTarget).get('code'));
    if (!parsed.success) return setError('Enter the 6-digit code your app shows for Portico.');
    confirm.mutate(parsed.data, {
      onError: (err) =>
        setError(
          err.status === 400
            ? 'That code is not valid. Check the time on your phone and try the next code.'
            : err.message,
        ),
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
    if (!body || password.length === 0)
      return setError('Enter your password and a code from your app (or a recovery code).');
    disable.mutate(body, {
      onSuccess: () => {
        setDisabling(false);
        start.reset();
        confirm.reset();
      },
      onError: (err) => setError(err.details.map((d) => d.message).join('. ') || err.message),
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
          Two-factor authentication is on
        </h2>
        <p>
          Save these recovery codes somewhere safe. Each works once if you lose your phone. They are shown
          only now.
        </p>
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
            Copy codes
          </button>
          <button
            type="button"
            className="button button--primary button--small"
            onClick={() => confirm.reset()}
          >
            I have saved them
          </button>
        </div>
      </section>
    );
  }

  if (status.data?.enabled) {
    return (
      <section className="card" aria-labelledby="mfa-title" data-testid="mfa-card">
        <h2 className="card__title" id="mfa-title">
          Two-factor authentication <span className="badge badge--success">On</span>
        </h2>
        <p className="muted">
          On since {formatDate(status.data.enabledAt)}. {status.data.recoveryCodesRemaining} of 10 recovery
          codes left.
        </p>
        {disabling ? (
          <form className="form" onSubmit={onDisable} noValidate>
            {alert}
            <div className="field">
              <label htmlFor="mfa-off-password">Password</label>
              <input
                id="mfa-off-password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
              />
            </div>
            <div className="field">
              <label htmlFor="mfa-off-code">Code from your app, or a recovery code</label>
              <input id="mfa-off-code" name="code" type="text" autoComplete="one-time-code" required />
            </div>
            <div className="form__actions">
              <button type="submit" className="button button--secondary" disabled={disable.isPending}>
                Turn off two-factor
              </button>
              <button type="button" className="button button--ghost" onClick={() => setDisabling(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setDisabling(true)}
          >
            Turn off…
          </button>
        )}
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="mfa-title" data-testid="mfa-card">
      <h2 className="card__title" id="mfa-title">
        Two-factor authentication <span className="badge badge--neutral">Off</span>
      </h2>
      {start.data ? (
        <form className="form" onSubmit={onConfirm} noValidate>
          <p>
            Scan this code with an authenticator app (1Password, Google Authenticator, Authy…), then enter the
            code it shows.
          </p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made per enrolment; next/image cannot optimise it */}
          <img
            src={start.data.qrCodeDataUrl}
            alt="QR code for your authenticator app"
            width={200}
            height={200}
          />
          <p className="small muted">
            Or type this key: <code data-testid="mfa-key">{start.data.manualEntryKey}</code>
          </p>
          {alert}
          <div className="field">
            <label htmlFor="mfa-code">Code from the app</label>
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
            Turn on two-factor
          </button>
        </form>
      ) : (
        <>
          <p className="muted">Protect your sign-in with a code from your phone as well as your password.</p>
          {start.isError ? <p className="text-danger">{start.error.message}</p> : null}
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary button--small"
              disabled={start.isPending}
              onClick={() => start.mutate()}
            >
              Set up two-factor
            </button>
          </div>
        </>
      )}
    </section>
  );
}

'use client';

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import {
  isMfaChallenge,
  loginRequestSchema,
  recoveryCodeSchema,
  totpCodeSchema,
  type Me,
} from '@portico/domain';
import { oidcConfigQuery } from '@/features/auth/api/auth.queries';
import { useOidcDiscoverMutation } from '@/features/auth/api/use-oidc-discover-mutation';
import { useLoginAuthMutation } from '@/features/auth/api/use-login-auth-mutation';
import { useVerifyMfaAuthMutation } from '@/features/auth/api/use-verify-mfa-auth-mutation';
import { adoptSavedLocale } from '@/i18n/use-saved-locale';
import { browserApiClient } from '@/lib/api-client';
import { firstDashboardPath } from '@/lib/account-paths';
import { formText } from '@/lib/form-text';
import { useHydrated } from '@/lib/use-hydrated';
import { useErrorText } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import alertStyles from '@/components/ui/alert.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import styles from './login-form.module.css';

/**
 * Sign-in in one or two steps: email + password, then (when the user has two-factor on) a code from the
 * authenticator app or a recovery code. Errors are announced and never say which of email or password was wrong.
 * When the BFF has an identity provider (OIDC), "Sign in with your company account" starts that sign-in instead;
 * it comes back here at the code step (`initialStep`) when the provider asserted no second factor and the user has
 * two-factor on.
 * When the email's domain belongs to an account's own identity provider (asked on leaving the email field), the form
 * offers "Continue with your company's sign-in" in place of the password; "Use a password instead" brings the
 * password back, since the provider is an offer, never forced.
 */
export function LoginForm({
  next,
  initialStep = 'password',
}: {
  next: string | null;
  initialStep?: 'password' | 'code';
}) {
  const router = useRouter();
  const t = useTranslations('auth.login');
  const errorText = useErrorText();
  const login = useLoginAuthMutation();
  const hydrated = useHydrated();
  const verify = useVerifyMfaAuthMutation();
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<'password' | 'code'>(initialStep);
  const oidc = useQuery(oidcConfigQuery(browserApiClient));
  const [useRecovery, setUseRecovery] = useState(false);
  const discover = useOidcDiscoverMutation();
  /** The account provider's start URL for the email last looked up, unless the person chose the password. */
  const [sso, setSso] = useState<{ email: string; startUrl: string } | null>(null);
  const [passwordChosen, setPasswordChosen] = useState<string | null>(null);

  const withNext = (url: string) =>
    next ? `${url}${url.includes('?') ? '&' : '?'}next=${encodeURIComponent(next)}` : url;

  function lookUp(value: string) {
    const email = value.trim().toLowerCase();
    if (!email.includes('@') || email === sso?.email || discover.isPending) {
      if (!email.includes('@')) setSso(null);
      return;
    }
    discover.mutate(email, {
      onSuccess: (answer) =>
        setSso(
          answer.provider === 'account' && answer.startUrl ? { email, startUrl: answer.startUrl } : null,
        ),
      // Routing is an offer: when it cannot be asked, the password form stays as it is.
      onError: () => setSso(null),
    });
  }
  /** The company sign-in on offer now, or null (no account provider, or the person chose the password). */
  const offer = sso !== null && passwordChosen !== sso.email ? sso : null;

  const done = (me: Me) => {
    adoptSavedLocale(me);
    router.replace(next ?? firstDashboardPath(me) ?? '/');
  };

  function onPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (offer) {
      // Enter in the email field: continue with the company's sign-in (a navigation to the provider).
      window.location.assign(withNext(offer.startUrl));
      return;
    }
    const form = new FormData(event.currentTarget);
    const parsed = loginRequestSchema.safeParse({ email: form.get('email'), password: form.get('password') });
    if (!parsed.success) {
      setError(t('invalidInput'));
      return;
    }
    login.mutate(parsed.data, {
      onSuccess: (result) => {
        if (isMfaChallenge(result)) setStep('code');
        else done(result);
      },
      onError: (err) => {
        if (err.status === 401) setError(t('mismatch'));
        else setError(errorText(err, t('failed')));
      },
    });
  }

  function onCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const value = formText(new FormData(event.currentTarget), 'code');
    const parsed = (useRecovery ? recoveryCodeSchema : totpCodeSchema).safeParse(value);
    if (!parsed.success) {
      setError(useRecovery ? t('recoveryInvalid') : t('codeInvalid'));
      return;
    }
    verify.mutate(useRecovery ? { recoveryCode: parsed.data } : { code: parsed.data }, {
      onSuccess: done,
      onError: (err) => {
        if (err.status === 401 && /expired/i.test(err.message)) {
          setStep('password');
          setError(t('expired'));
        } else if (err.status === 401) setError(t('codeRejected'));
        else setError(errorText(err, t('failed')));
      },
    });
  }

  const alert = error ? (
    <div
      id="login-error"
      className={cx(alertStyles.alert, alertStyles.danger)}
      role="alert"
      data-testid="login-error"
    >
      {error}
    </div>
  ) : null;

  if (step === 'code') {
    const submitting = verify.isPending || verify.isSuccess;
    return (
      <form
        className={fieldStyles.form}
        onSubmit={onCode}
        noValidate
        aria-describedby={error ? 'login-error' : undefined}
        key={useRecovery ? 'recovery' : 'totp'}
      >
        {alert}
        <p className="muted">{useRecovery ? t('recoveryHint') : t('codeHint')}</p>
        <div className={fieldStyles.field}>
          <label htmlFor="code">{useRecovery ? t('recoveryLabel') : t('codeLabel')}</label>
          <input
            id="code"
            name="code"
            type="text"
            inputMode={useRecovery ? 'text' : 'numeric'}
            autoComplete="one-time-code"
            pattern={useRecovery ? undefined : '[0-9]{6}'}
            maxLength={useRecovery ? 11 : 6}
            required
            // eslint-disable-next-line jsx-a11y/no-autofocus -- the code field appears after the password step, on the user's own action; focus follows them there
            autoFocus
            disabled={submitting}
          />
        </div>
        <button
          type="submit"
          className={cx(buttonStyles.button, buttonStyles.primary, buttonStyles.block)}
          disabled={!hydrated || submitting}
        >
          {submitting ? t('verifying') : t('verify')}
        </button>
        <button
          type="button"
          className={cx(buttonStyles.button, buttonStyles.ghost, buttonStyles.block)}
          onClick={() => {
            setUseRecovery((v) => !v);
            setError(null);
          }}
          disabled={submitting}
        >
          {useRecovery ? t('useApp') : t('useRecovery')}
        </button>
      </form>
    );
  }

  const submitting = login.isPending || (login.isSuccess && !isMfaChallenge(login.data));
  return (
    <form
      className={fieldStyles.form}
      onSubmit={onPassword}
      noValidate
      aria-describedby={error ? 'login-error' : undefined}
    >
      {alert}
      <div className={fieldStyles.field}>
        <label htmlFor="email">{t('email')}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          disabled={submitting}
          onBlur={(e) => lookUp(e.currentTarget.value)}
          onChange={(e) => {
            if (sso && e.currentTarget.value.trim().toLowerCase() !== sso.email) setSso(null);
          }}
        />
      </div>
      {offer ? (
        <div className={fieldStyles.form} data-testid="login-sso">
          <p className="muted small" role="status">
            {t('ssoOffer')}
          </p>
          {/* A navigation, not a fetch: the provider's sign-in page takes over the window. */}
          <a
            className={cx(buttonStyles.button, buttonStyles.primary, buttonStyles.block)}
            href={withNext(offer.startUrl)}
            data-testid="login-sso-continue"
          >
            {t('ssoContinue')}
          </a>
          <button
            type="button"
            className={cx(buttonStyles.button, buttonStyles.ghost, buttonStyles.block)}
            onClick={() => setPasswordChosen(offer.email)}
            data-testid="login-sso-password"
          >
            {t('ssoUsePassword')}
          </button>
        </div>
      ) : (
        <>
          <div className={fieldStyles.field}>
            <label htmlFor="password">{t('password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              disabled={submitting}
            />
          </div>
          <button
            type="submit"
            className={cx(buttonStyles.button, buttonStyles.primary, buttonStyles.block)}
            disabled={!hydrated || submitting}
          >
            {submitting ? t('submitting') : t('submit')}
          </button>
        </>
      )}
      <p className="small">
        <Link className="link" href="/forgot-password">
          {t('forgot')}
        </Link>
      </p>
      {/* The platform provider's button would compete with the account's own sign-in on offer. */}
      {oidc.data?.enabled && !offer ? (
        <>
          <p className={cx('muted small', styles.divider)} aria-hidden="true">
            {t('or')}
          </p>
          {/* A navigation, not a fetch: the provider's sign-in page takes over the window. */}
          <a
            className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.block)}
            href={`/api/v1/auth/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ''}`}
            data-testid="login-oidc"
          >
            {t('companyAccount')}
          </a>
          {oidc.data.domains.length > 0 ? (
            <p className="muted small">{t('providerHint', { domains: oidc.data.domains.join(', ') })}</p>
          ) : null}
        </>
      ) : null}
    </form>
  );
}

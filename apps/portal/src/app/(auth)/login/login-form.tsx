'use client';

import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { isMfaChallenge, loginRequestSchema, recoveryCodeSchema, totpCodeSchema, type Me } from '@portico/domain';
import { useLoginAuthMutation } from '@/features/auth/api/use-login-auth-mutation';
import { useVerifyMfaAuthMutation } from '@/features/auth/api/use-verify-mfa-auth-mutation';
import { firstDashboardPath } from '@/lib/account-paths';
import { formText } from '@/lib/form-text';

/**
 * Sign-in in one or two steps: email + password, then (when the user has two-factor on) a code from the
 * authenticator app or a recovery code. Errors are announced and never say which of email or password was wrong.
 */
export function LoginForm({ next }: { next: string | null }) {
  const router = useRouter();
  const login = useLoginAuthMutation();
  const verify = useVerifyMfaAuthMutation();
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [useRecovery, setUseRecovery] = useState(false);

  const done = (me: Me) => router.replace(next ?? firstDashboardPath(me) ?? '/');

  function onPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    const parsed = loginRequestSchema.safeParse({ email: form.get('email'), password: form.get('password') });
    if (!parsed.success) {
      setError('Enter a valid email address and your password.');
      return;
    }
    login.mutate(parsed.data, {
      onSuccess: (result) => {
        if (isMfaChallenge(result)) setStep('code');
        else done(result);
      },
      onError: (err) => {
        if (err.status === 401) setError('That email and password do not match. Check them and try again.');
        else if (err.status === 429) setError(`${err.message}.`);
        else setError(err.message || 'We could not sign you in. Try again in a moment.');
      },
    });
  }

  function onCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const value = formText(new FormData(event.currentTarget), 'code');
    const parsed = (useRecovery ? recoveryCodeSchema : totpCodeSchema).safeParse(value);
    if (!parsed.success) {
      setError(useRecovery ? 'Enter one of your recovery codes, like abcde-12345.' : 'Enter the 6-digit code from your authenticator app.');
      return;
    }
    verify.mutate(useRecovery ? { recoveryCode: parsed.data } : { code: parsed.data }, {
      onSuccess: done,
      onError: (err) => {
        if (err.status === 401 && /expired/i.test(err.message)) {
          setStep('password');
          setError('Your sign-in took too long. Enter your email and password again.');
        } else if (err.status === 401) setError('That code is not valid. Codes work once; wait for the next one and try again.');
        else if (err.status === 429) setError(`${err.message}.`);
        else setError(err.message || 'We could not sign you in. Try again in a moment.');
      },
    });
  }

  const alert = error ? (
    <div id="login-error" className="alert alert--danger" role="alert" data-testid="login-error">
      {error}
    </div>
  ) : null;

  if (step === 'code') {
    const submitting = verify.isPending || verify.isSuccess;
    return (
      <form className="form" onSubmit={onCode} noValidate aria-describedby={error ? 'login-error' : undefined} key={useRecovery ? 'recovery' : 'totp'}>
        {alert}
        <p className="muted">
          {useRecovery ? 'Enter one of the recovery codes you saved when you set up two-factor authentication.' : 'Open your authenticator app and enter the 6-digit code for Portico.'}
        </p>
        <div className="field">
          <label htmlFor="code">{useRecovery ? 'Recovery code' : 'Authentication code'}</label>
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
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {submitting ? 'Verifying…' : 'Verify'}
        </button>
        <button type="button" className="button button--ghost button--block" onClick={() => { setUseRecovery((v) => !v); setError(null); }} disabled={submitting}>
          {useRecovery ? 'Use a code from the app instead' : 'Use a recovery code instead'}
        </button>
      </form>
    );
  }

  const submitting = login.isPending || (login.isSuccess && !isMfaChallenge(login.data));
  return (
    <form className="form" onSubmit={onPassword} noValidate aria-describedby={error ? 'login-error' : undefined}>
      {alert}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required disabled={submitting} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required disabled={submitting} />
      </div>
      <button type="submit" className="button button--primary button--block" disabled={submitting}>
        {submitting ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="small">
        <Link className="link" href="/forgot-password">
          Forgot your password?
        </Link>
      </p>
    </form>
  );
}

'use client';

import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { loginRequestSchema } from '@portico/domain';
import { useLoginAuthMutation } from '@/features/auth/api/use-login-auth-mutation';
import { firstDashboardPath } from '@/lib/account-paths';

/** Email + password sign-in. The error is announced and never says which of the two was wrong. */
export function LoginForm({ next }: { next: string | null }) {
  const router = useRouter();
  const login = useLoginAuthMutation();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    const parsed = loginRequestSchema.safeParse({ email: form.get('email'), password: form.get('password') });
    if (!parsed.success) {
      setError('Enter a valid email address and your password.');
      return;
    }
    login.mutate(parsed.data, {
      onSuccess: (me) => {
        router.replace(next ?? firstDashboardPath(me) ?? '/');
      },
      onError: (err) => {
        if (err.status === 401) setError('That email and password do not match. Check them and try again.');
        else if (err.status === 429) setError('Too many attempts. Wait a minute, then try again.');
        else setError(err.message || 'We could not sign you in. Try again in a moment.');
      },
    });
  }

  const submitting = login.isPending || login.isSuccess;
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-describedby={error ? 'login-error' : undefined}>
      {error ? (
        <div id="login-error" className="alert alert--danger" role="alert" data-testid="login-error">
          {error}
        </div>
      ) : null}
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
    </form>
  );
}

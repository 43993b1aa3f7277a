'use client';

import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import {
  MIN_PASSWORD_LENGTH,
  acceptInviteRequestSchema,
  type AcceptedInvite,
  type InvitePreview,
} from '@portico/domain';
import { meQuery } from '@/features/auth/api/auth.queries';
import { useLogoutAuthMutation } from '@/features/auth/api/use-logout-auth-mutation';
import { invitePreviewQuery } from '@/features/members/api/members.queries';
import { inviteApiClient, useAcceptInviteMutation } from '@/features/members/api/use-accept-invite-mutation';
import { ROLE_LABEL, ROLE_SUMMARY } from '@/features/members/components/role-labels';
import { accountPagePath } from '@/lib/account-paths';
import { isApiError } from '@/lib/api-client';
import { capitalize } from '@/lib/format';

type FieldErrors = Partial<Record<'name' | 'password', string>>;

function InviteSummary({ preview }: { preview: InvitePreview }) {
  return (
    <>
      <h1 className="auth-card__title">Join {preview.accountName}</h1>
      <p className="muted auth-card__subtitle">
        {preview.invitedBy ?? 'An administrator'} invited{' '}
        <span className="strong break">{preview.email}</span> as{' '}
        <span className="strong">{ROLE_LABEL[preview.role]}</span> (
        {ROLE_SUMMARY[preview.role].replace(/\.$/, '').toLowerCase()}).
      </p>
    </>
  );
}

function SignOutAndRetry({ signedInAs, invited }: { signedInAs: string; invited: string }) {
  const logout = useLogoutAuthMutation();
  return (
    <div className="form">
      <div className="alert alert--danger" role="alert">
        You are signed in as {signedInAs}, but this invite is for {invited}.
      </div>
      <button
        type="button"
        className="button button--secondary button--block"
        disabled={logout.isPending}
        onClick={() => logout.mutate(undefined, { onSettled: () => window.location.reload() })}
      >
        Sign out to continue as {invited}
      </button>
    </div>
  );
}

function Accepted({ accepted }: { accepted: AcceptedInvite }) {
  const next = accountPagePath(accepted.accountId, 'dashboard');
  return (
    <div className="form" data-testid="invite-accepted">
      <h1 className="auth-card__title">Welcome to {accepted.accountName}</h1>
      <div className="alert alert--success" role="status">
        {accepted.userCreated
          ? `Your sign-in is ready. Sign in with ${accepted.email} and the password you chose.`
          : `You joined ${accepted.accountName} as ${ROLE_LABEL[accepted.role]}.`}
      </div>
      {accepted.userCreated ? (
        <Link
          className="button button--primary button--block"
          href={`/login?next=${encodeURIComponent(next)}`}
        >
          Sign in
        </Link>
      ) : (
        <Link className="button button--primary button--block" href={next}>
          Open {accepted.accountName}
        </Link>
      )}
    </div>
  );
}

/** The invite acceptance flow: create a sign-in (name + password), or join with the signed-in account. */
export function AcceptInvite({ token }: { token: string }) {
  const router = useRouter();
  const preview = useQuery(invitePreviewQuery(inviteApiClient, token));
  const me = useQuery({ ...meQuery(inviteApiClient), retry: false });
  const accept = useAcceptInviteMutation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  if (accept.isSuccess) return <Accepted accepted={accept.data} />;
  if (preview.isPending || (me.isPending && !me.isError)) {
    return (
      <p role="status" className="muted">
        Checking your invite…
      </p>
    );
  }
  if (preview.isError) {
    const gone = isApiError(preview.error) && preview.error.status === 410;
    return (
      <div className="form" data-testid="invite-invalid">
        <h1 className="auth-card__title">
          {gone ? 'This invite can no longer be used' : 'This invite link is not valid'}
        </h1>
        <div className="alert alert--danger" role="alert">
          {gone
            ? preview.error.message
            : 'Check that you opened the whole link from the email, or ask the account owner for a new invite.'}
        </div>
        <Link className="button button--secondary button--block" href="/login">
          Go to sign in
        </Link>
      </div>
    );
  }

  const invite = preview.data;
  const signedInAs = me.data?.user.email ?? null;

  function onError(err: unknown) {
    if (!isApiError(err)) {
      setFormError('We could not accept the invite. Try again.');
      return;
    }
    const next: FieldErrors = {};
    for (const d of err.details) {
      const field = d.path.split('.').pop();
      if ((field === 'name' || field === 'password') && !next[field]) next[field] = capitalize(d.message);
    }
    setErrors(next);
    if (Object.keys(next).length === 0) setFormError(err.message);
  }

  if (invite.existingUser) {
    if (signedInAs === null) {
      return (
        <div className="form">
          <InviteSummary preview={invite} />
          <p>You already have a Portico sign-in. Sign in as {invite.email} to accept.</p>
          <Link
            className="button button--primary button--block"
            href={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}
          >
            Sign in to accept
          </Link>
        </div>
      );
    }
    if (signedInAs !== invite.email)
      return <SignOutAndRetry signedInAs={signedInAs} invited={invite.email} />;
    return (
      <div className="form">
        <InviteSummary preview={invite} />
        {formError ? (
          <div className="alert alert--danger" role="alert">
            {formError}
          </div>
        ) : null}
        <button
          type="button"
          className="button button--primary button--block"
          disabled={accept.isPending}
          onClick={() =>
            accept.mutate(
              { token },
              { onSuccess: (a) => router.push(accountPagePath(a.accountId, 'dashboard')), onError },
            )
          }
        >
          {accept.isPending ? 'Joining…' : `Join with ${signedInAs}`}
        </button>
      </div>
    );
  }

  if (signedInAs !== null) return <SignOutAndRetry signedInAs={signedInAs} invited={invite.email} />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const form = new FormData(event.currentTarget);
    const nameValue = form.get('name');
    const passwordValue = form.get('password');
    const name = typeof nameValue === 'string' ? nameValue : '';
    const password = typeof passwordValue === 'string' ? passwordValue : '';
    const parsed = acceptInviteRequestSchema.safeParse({ token, name, password });
    const next: FieldErrors = {};
    if (name.trim() === '') next.name = 'Enter your name';
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'name' || field === 'password') && !next[field]) next[field] = issue.message;
      }
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.success) {
      document.getElementById(next.name ? 'invite-name' : 'invite-password')?.focus();
      return;
    }
    accept.mutate(parsed.data, { onError });
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <InviteSummary preview={invite} />
      {formError ? (
        <div className="alert alert--danger" role="alert">
          {formError}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="invite-email-readonly">Email</label>
        <input
          id="invite-email-readonly"
          type="email"
          value={invite.email}
          readOnly
          autoComplete="username"
        />
      </div>
      <div className={`field${errors.name ? ' field--invalid' : ''}`}>
        <label htmlFor="invite-name">Your name</label>
        <input
          id="invite-name"
          name="name"
          type="text"
          autoComplete="name"
          maxLength={200}
          required
          disabled={accept.isPending}
          aria-invalid={Boolean(errors.name)}
          aria-describedby={errors.name ? 'invite-name-error' : undefined}
        />
        {errors.name ? (
          <p className="field__error" id="invite-name-error">
            {errors.name}
          </p>
        ) : null}
      </div>
      <div className={`field${errors.password ? ' field--invalid' : ''}`}>
        <label htmlFor="invite-password">Choose a password</label>
        <input
          id="invite-password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSWORD_LENGTH}
          required
          disabled={accept.isPending}
          aria-invalid={Boolean(errors.password)}
          aria-describedby={['invite-password-hint', errors.password ? 'invite-password-error' : null]
            .filter(Boolean)
            .join(' ')}
        />
        <p className="field__hint" id="invite-password-hint">
          At least {MIN_PASSWORD_LENGTH} characters; a few unrelated words make a strong one.
        </p>
        {errors.password ? (
          <p className="field__error" id="invite-password-error">
            {errors.password}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button--primary button--block" disabled={accept.isPending}>
        {accept.isPending ? 'Creating your sign-in…' : 'Accept and create my sign-in'}
      </button>
    </form>
  );
}

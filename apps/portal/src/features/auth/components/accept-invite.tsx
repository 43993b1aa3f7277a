'use client';

import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import {
  MIN_PASSWORD_LENGTH,
  acceptInviteRequestSchema,
  type AcceptedInvite,
  type InvitePreview,
} from '@portico/domain';
import { meQuery } from '@/features/auth/api/auth.queries';
import { useLogoutAuthMutation } from '@/features/auth/api/use-logout-auth-mutation';
import { invitePreviewQuery } from '@/features/users/api/users.queries';
import { inviteApiClient, useAcceptInviteMutation } from '@/features/users/api/use-accept-invite-mutation';
import { accountPagePath } from '@/lib/account-paths';
import { isApiError } from '@/lib/api-client';
import { fieldErrorsOf, formText } from '@/lib/form-text';
import { useHydrated } from '@/lib/use-hydrated';
import { useErrorText, useFieldIssues } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import authStyles from './auth-card.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';

const FIELDS = ['name', 'password'] as const;
type FieldErrors = Partial<Record<(typeof FIELDS)[number], string>>;

function InviteSummary({ preview }: { preview: InvitePreview }) {
  const t = useTranslations('invite');
  const roles = useTranslations('roles');
  return (
    <>
      <h1 className={authStyles.title}>{t('join', { account: preview.accountName })}</h1>
      <p className={cx('muted', authStyles.subtitle)}>
        {t.rich('summary', {
          invitedBy: preview.invitedBy ?? t('anAdministrator'),
          email: preview.email,
          role: roles(preview.role),
          duty: t(`duty.${preview.role}`),
          address: (chunks) => <span className="strong break">{chunks}</span>,
          strong: (chunks) => <span className="strong">{chunks}</span>,
        })}
      </p>
    </>
  );
}

function SignOutAndRetry({ signedInAs, invited }: { signedInAs: string; invited: string }) {
  const logout = useLogoutAuthMutation();
  const t = useTranslations('invite');
  return (
    <div className={fieldStyles.form}>
      <div className={cx(alertStyles.alert, alertStyles.danger)} role="alert">
        {t('wrongUser', { signedInAs, invited })}
      </div>
      <button
        type="button"
        className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.block)}
        disabled={logout.isPending}
        onClick={() => logout.mutate(undefined, { onSettled: () => window.location.reload() })}
      >
        {t('signOutToContinue', { invited })}
      </button>
    </div>
  );
}

function Accepted({ accepted }: { accepted: AcceptedInvite }) {
  const next = accountPagePath(accepted.accountId, 'dashboard');
  const t = useTranslations('invite');
  const roles = useTranslations('roles');
  return (
    <div className={fieldStyles.form} data-testid="invite-accepted">
      <h1 className={authStyles.title}>{t('welcome', { account: accepted.accountName })}</h1>
      <div className={cx(alertStyles.alert, alertStyles.success)} role="status">
        {accepted.userCreated
          ? t('signInReady', { email: accepted.email })
          : t('joined', { account: accepted.accountName, role: roles(accepted.role) })}
      </div>
      {accepted.userCreated ? (
        <Link
          className={cx(buttonStyles.button, buttonStyles.primary, buttonStyles.block)}
          href={`/login?next=${encodeURIComponent(next)}`}
        >
          {t('signIn')}
        </Link>
      ) : (
        <Link className={cx(buttonStyles.button, buttonStyles.primary, buttonStyles.block)} href={next}>
          {t('open', { account: accepted.accountName })}
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
  const errorText = useErrorText();
  const fieldIssues = useFieldIssues();
  const hydrated = useHydrated();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const t = useTranslations('invite');

  if (accept.isSuccess) return <Accepted accepted={accept.data} />;
  if (preview.isPending || (me.isPending && !me.isError)) {
    return (
      <p role="status" className="muted">
        {t('checking')}
      </p>
    );
  }
  if (preview.isError) {
    const gone = isApiError(preview.error) && preview.error.status === 410;
    return (
      <div className={fieldStyles.form} data-testid="invite-invalid">
        <h1 className={authStyles.title}>{gone ? t('gone') : t('invalid')}</h1>
        <div className={cx(alertStyles.alert, alertStyles.danger)} role="alert">
          {gone ? errorText(preview.error, t('invalidBody')) : t('invalidBody')}
        </div>
        <Link className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.block)} href="/login">
          {t('goToSignIn')}
        </Link>
      </div>
    );
  }

  const invite = preview.data;
  const signedInAs = me.data?.user.email ?? null;

  function onError(err: unknown) {
    if (!isApiError(err)) {
      setFormError(t('acceptFailed'));
      return;
    }
    const next: FieldErrors = fieldErrorsOf(FIELDS, fieldIssues.fromBff(err.details));
    setErrors(next);
    if (Object.keys(next).length === 0) setFormError(errorText(err));
  }

  if (invite.existingUser) {
    if (signedInAs === null) {
      return (
        <div className={fieldStyles.form}>
          <InviteSummary preview={invite} />
          <p>{t('existingUser', { email: invite.email })}</p>
          <Link
            className={cx(buttonStyles.button, buttonStyles.primary, buttonStyles.block)}
            href={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}
          >
            {t('signInToAccept')}
          </Link>
        </div>
      );
    }
    if (signedInAs !== invite.email)
      return <SignOutAndRetry signedInAs={signedInAs} invited={invite.email} />;
    return (
      <div className={fieldStyles.form}>
        <InviteSummary preview={invite} />
        {formError ? (
          <div className={cx(alertStyles.alert, alertStyles.danger)} role="alert">
            {formError}
          </div>
        ) : null}
        <button
          type="button"
          className={cx(buttonStyles.button, buttonStyles.primary, buttonStyles.block)}
          disabled={accept.isPending}
          onClick={() =>
            accept.mutate(
              { token },
              { onSuccess: (a) => router.push(accountPagePath(a.accountId, 'dashboard')), onError },
            )
          }
        >
          {accept.isPending ? t('joining') : t('joinWith', { email: signedInAs })}
        </button>
      </div>
    );
  }

  if (signedInAs !== null) return <SignOutAndRetry signedInAs={signedInAs} invited={invite.email} />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const form = new FormData(event.currentTarget);
    const name = formText(form, 'name');
    const password = formText(form, 'password');
    const parsed = acceptInviteRequestSchema.safeParse({ token, name, password });
    const next: FieldErrors = parsed.success ? {} : fieldErrorsOf(FIELDS, fieldIssues.fromZod(parsed.error));
    if (name.trim() === '') next.name = t('enterName');
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.success) {
      document.getElementById(next.name ? 'invite-name' : 'invite-password')?.focus();
      return;
    }
    accept.mutate(parsed.data, { onError });
  }

  return (
    <form className={fieldStyles.form} onSubmit={onSubmit} noValidate>
      <InviteSummary preview={invite} />
      {formError ? (
        <div className={cx(alertStyles.alert, alertStyles.danger)} role="alert">
          {formError}
        </div>
      ) : null}
      <div className={fieldStyles.field}>
        <label htmlFor="invite-email-readonly">{t('email')}</label>
        <input
          id="invite-email-readonly"
          type="email"
          value={invite.email}
          readOnly
          autoComplete="username"
        />
      </div>
      <div className={cx(fieldStyles.field, errors.name && fieldStyles.invalid)}>
        <label htmlFor="invite-name">{t('name')}</label>
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
          <p className={fieldStyles.error} id="invite-name-error">
            {errors.name}
          </p>
        ) : null}
      </div>
      <div className={cx(fieldStyles.field, errors.password && fieldStyles.invalid)}>
        <label htmlFor="invite-password">{t('password')}</label>
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
        <p className={fieldStyles.hint} id="invite-password-hint">
          {t('passwordHint', { min: MIN_PASSWORD_LENGTH })}
        </p>
        {errors.password ? (
          <p className={fieldStyles.error} id="invite-password-error">
            {errors.password}
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        className={cx(buttonStyles.button, buttonStyles.primary, buttonStyles.block)}
        disabled={!hydrated || accept.isPending}
      >
        {accept.isPending ? t('creating') : t('acceptAndCreate')}
      </button>
    </form>
  );
}

'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { createInviteRequestSchema, roleSchema, type Role } from '@portico/domain';
import { capitalize } from '@/lib/format';
import { fieldErrorsOf } from '@/lib/form-text';
import { useManageMembersMutation } from '../api/use-manage-members-mutation';
import { useErrorText, useFieldIssues } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import styles from './invite-form.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import alertStyles from '@/components/ui/alert.module.css';

/** Invite by email with a role; validated with the domain schema, then the BFF's answer shown in place. */
export function InviteForm({
  accountId,
  myRole,
  onInvited,
}: {
  accountId: string;
  myRole: Role;
  onInvited: (email: string) => void;
}) {
  const manage = useManageMembersMutation(accountId);
  const [error, setError] = useState<{ field: 'email' | 'role' | null; message: string } | null>(null);
  const roles = roleSchema.options.filter((r) => r !== 'owner' || myRole === 'owner');
  const t = useTranslations('users.inviteForm');
  const roleLabel = useTranslations('roles');
  const roleSummary = useTranslations('roleSummary');
  const errorText = useErrorText();
  const fieldIssues = useFieldIssues();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const parsed = createInviteRequestSchema.safeParse({ email: form.get('email'), role: form.get('role') });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0] === 'role' ? 'role' : 'email';
      setError({ field, message: field === 'email' ? t('invalidEmail') : t('chooseRole') });
      document.getElementById(`invite-${field}`)?.focus();
      return;
    }
    setError(null);
    manage.mutate(
      { kind: 'invite', body: parsed.data },
      {
        onSuccess: () => {
          formElement.reset();
          onInvited(parsed.data.email);
        },
        onError: (err) => {
          // A field the BFF refused gets its problem in the page's language; anything else the error's own text.
          const fields = fieldErrorsOf(['email', 'role'] as const, fieldIssues.fromBff(err.details));
          const field = fields.email !== undefined ? 'email' : fields.role !== undefined ? 'role' : null;
          setError({
            field,
            message: (field && fields[field]) ?? capitalize(errorText(err, undefined, { details: true })),
          });
        },
      },
    );
  }

  const emailError = error?.field === 'email' ? error.message : null;
  return (
    <form className={styles.inviteForm} onSubmit={onSubmit} noValidate aria-label={t('label')}>
      <div className={cx(fieldStyles.field, emailError && fieldStyles.invalid)}>
        <label htmlFor="invite-email">{t('email')}</label>
        <input
          id="invite-email"
          name="email"
          type="email"
          autoComplete="off"
          placeholder={t('emailPlaceholder')}
          required
          disabled={manage.isPending}
          aria-invalid={Boolean(emailError)}
          aria-describedby={emailError ? 'invite-email-error' : undefined}
        />
        {emailError ? (
          <p className={fieldStyles.error} id="invite-email-error">
            {emailError}
          </p>
        ) : null}
      </div>
      <div className={fieldStyles.field}>
        <label htmlFor="invite-role">{t('role')}</label>
        <select id="invite-role" name="role" defaultValue="viewer" disabled={manage.isPending}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}: {roleSummary(r)}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.submit}>
        <button
          type="submit"
          className={cx(buttonStyles.button, buttonStyles.primary)}
          disabled={manage.isPending}
        >
          {manage.isPending ? t('sending') : t('send')}
        </button>
      </div>
      {error && error.field !== 'email' ? (
        <p className={cx(alertStyles.alert, alertStyles.danger, styles.error)} role="alert">
          {error.message}
        </p>
      ) : null}
    </form>
  );
}

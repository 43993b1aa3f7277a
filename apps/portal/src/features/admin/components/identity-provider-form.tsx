'use client';

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import {
  identityProviderJitRoleSchema,
  putIdentityProviderRequestSchema,
  type AdminAccount,
  type IdentityProvider,
} from '@portico/domain';
import { identityProviderQuery } from '@/features/admin/api/admin.queries';
import {
  useDeleteIdentityProviderMutation,
  usePutIdentityProviderMutation,
} from '@/features/admin/api/use-identity-provider-mutations';
import { browserApiClient } from '@/lib/api-client';
import { TextField } from '@/components/ui/text-field';
import { fieldErrorsOf, formText } from '@/lib/form-text';
import { useErrorText, useFieldIssues } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import alertStyles from '@/components/ui/alert.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import buttonStyles from '@/components/ui/button.module.css';

type Field = 'issuerUrl' | 'clientId' | 'clientSecret' | 'allowedEmailDomains';
type FieldErrors = Partial<Record<Field, string>>;
const FIELDS: readonly Field[] = ['issuerUrl', 'clientId', 'clientSecret', 'allowedEmailDomains'];

const text = (form: FormData, name: string): string => formText(form, name).trim();

/**
 * Views, sets and removes one account's OpenID Connect identity provider (platform administrators). The client
 * secret is write-only: the form shows whether one is stored and its masked hint, and a blank secret field keeps it.
 * Validated in the browser with the domain schema; the BFF's 400/409/503 answers are shown on their fields or above.
 */
export function IdentityProviderForm({
  account,
  onDone,
}: {
  account: AdminAccount;
  onDone: (message: string | null) => void;
}) {
  const t = useTranslations('admin.identityProvider');
  const roles = useTranslations('roles');
  const errorText = useErrorText();
  const fieldIssues = useFieldIssues();
  const current = useQuery(identityProviderQuery(browserApiClient, account.id));
  const save = usePutIdentityProviderMutation(account.id);
  const remove = useDeleteIdentityProviderMutation(account.id);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const busy = save.isPending || remove.isPending;

  if (current.isPending) return <p className="muted">{t('loading')}</p>;
  if (current.isError) {
    return (
      <div className={cx(alertStyles.alert, alertStyles.danger)} role="alert">
        {t('loadFailed')}
      </div>
    );
  }
  const provider: IdentityProvider | null = current.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const form = new FormData(event.currentTarget);
    const secret = text(form, 'clientSecret');
    const parsed = putIdentityProviderRequestSchema.safeParse({
      issuerUrl: text(form, 'issuerUrl'),
      clientId: text(form, 'clientId'),
      clientSecret: secret === '' ? undefined : secret,
      allowedEmailDomains: text(form, 'allowedEmailDomains')
        .split(/[\s,]+/)
        .filter((d) => d !== ''),
      jitEnabled: form.get('jitEnabled') === 'on',
      jitRole: text(form, 'jitRole'),
      enabled: form.get('enabled') === 'on',
      verifyDiscovery: form.get('verifyDiscovery') === 'on',
    });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(FIELDS, fieldIssues.fromZod(parsed.error)));
      return;
    }
    if (!provider && parsed.data.clientSecret === undefined) {
      setErrors({ clientSecret: t('secretRequired') });
      return;
    }
    setErrors({});
    save.mutate(parsed.data, {
      onSuccess: () => onDone(t('saved', { account: account.name })),
      onError: (err) => {
        const next = fieldErrorsOf(FIELDS, fieldIssues.fromBff(err.details));
        setErrors(next);
        if (Object.keys(next).length === 0) setFormError(errorText(err, t('saveFailed')));
      },
    });
  }

  const input = (
    field: Field,
    props: { defaultValue: string; type?: string; placeholder?: string; hint?: string },
  ) => (
    <TextField
      id={`idp-${field}`}
      label={t(`fields.${field}`)}
      name={field}
      type={props.type ?? 'text'}
      defaultValue={props.defaultValue}
      placeholder={props.placeholder}
      autoComplete="off"
      disabled={busy}
      hint={props.hint}
      error={errors[field]}
    />
  );

  return (
    <form
      className={fieldStyles.form}
      onSubmit={onSubmit}
      noValidate
      aria-label={t('formLabel', { account: account.name })}
      data-testid="identity-provider-form"
    >
      {formError ? (
        <div className={cx(alertStyles.alert, alertStyles.danger)} role="alert">
          {formError}
        </div>
      ) : null}
      <p className="muted small" data-testid="identity-provider-state">
        {provider ? t('configured') : t('none')}
      </p>
      {input('issuerUrl', {
        defaultValue: provider?.issuerUrl ?? '',
        type: 'url',
        placeholder: 'https://login.example.com',
        hint: t('hints.issuerUrl'),
      })}
      {input('clientId', { defaultValue: provider?.clientId ?? '' })}
      {input('clientSecret', {
        defaultValue: '',
        type: 'password',
        hint: provider?.hasClientSecret
          ? t('hints.secretKept', { hint: provider.clientSecretHint ?? '••••' })
          : t('hints.secretNew'),
      })}
      {input('allowedEmailDomains', {
        defaultValue: provider?.allowedEmailDomains.join(', ') ?? '',
        placeholder: 'example.com',
        hint: t('hints.domains'),
      })}
      <div className={fieldStyles.field}>
        <label htmlFor="idp-jitRole">{t('fields.jitRole')}</label>
        <select id="idp-jitRole" name="jitRole" defaultValue={provider?.jitRole ?? 'viewer'} disabled={busy}>
          {identityProviderJitRoleSchema.options.map((role) => (
            <option key={role} value={role}>
              {roles(role)}
            </option>
          ))}
        </select>
      </div>
      <label>
        <input
          type="checkbox"
          name="jitEnabled"
          defaultChecked={provider?.jitEnabled ?? false}
          disabled={busy}
        />{' '}
        {t('fields.jitEnabled')}
      </label>
      <label>
        <input type="checkbox" name="enabled" defaultChecked={provider?.enabled ?? true} disabled={busy} />{' '}
        {t('fields.enabled')}
      </label>
      <label>
        <input type="checkbox" name="verifyDiscovery" defaultChecked disabled={busy} />{' '}
        {t('fields.verifyDiscovery')}
      </label>
      <div className={fieldStyles.actions}>
        <button type="submit" className={cx(buttonStyles.button, buttonStyles.primary)} disabled={busy}>
          {save.isPending ? t('saving') : t('save')}
        </button>
        <button
          type="button"
          className={cx(buttonStyles.button, buttonStyles.secondary)}
          onClick={() => onDone(null)}
          disabled={busy}
        >
          {t('cancel')}
        </button>
        {provider ? (
          confirmRemove ? (
            <button
              type="button"
              className={cx(buttonStyles.button, buttonStyles.danger)}
              disabled={busy}
              onClick={() =>
                remove.mutate(undefined, {
                  onSuccess: () => onDone(t('removed', { account: account.name })),
                  onError: (err) => setFormError(errorText(err, t('removeFailed'))),
                })
              }
            >
              {t('removeConfirm')}
            </button>
          ) : (
            <button
              type="button"
              className={cx(buttonStyles.button, buttonStyles.ghost)}
              disabled={busy}
              onClick={() => setConfirmRemove(true)}
            >
              {t('remove')}
            </button>
          )
        ) : null}
      </div>
    </form>
  );
}

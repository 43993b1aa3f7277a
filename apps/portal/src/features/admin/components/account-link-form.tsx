'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { linkAccountRequestSchema, type AdminAccount } from '@portico/domain';
import { useLinkAdminMutation } from '@/features/admin/api/use-link-admin-mutation';
import { TextField } from '@/components/ui/text-field';
import { fieldErrorsOf } from '@/lib/form-text';
import { useErrorText, useFieldIssues } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import fieldStyles from '@/components/ui/field.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';

type Field = 'name' | 'whmcsClientId' | 'salesforceAccountId';
type FieldErrors = Partial<Record<Field, string>>;
const FIELDS: readonly Field[] = ['name', 'whmcsClientId', 'salesforceAccountId'];

/** A blank input means "not linked" (null); anything else is sent as typed, for the schema to judge. */
function idValue(raw: FormDataEntryValue | null, numeric: boolean): unknown {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return null;
  return numeric && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/**
 * Edits one account's name and id mappings (WHMCS client id, Salesforce Account Id). Validated in the browser with
 * the domain schema; the BFF's 400/409 answers are shown on their fields.
 */
export function AccountLinkForm({
  account,
  onDone,
}: {
  account: AdminAccount;
  onDone: (saved: AdminAccount | null) => void;
}) {
  const link = useLinkAdminMutation();
  const t = useTranslations('admin.linkForm');
  const errorText = useErrorText();
  const fieldIssues = useFieldIssues();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const form = new FormData(event.currentTarget);
    const name = form.get('name');
    const parsed = linkAccountRequestSchema.safeParse({
      name: typeof name === 'string' ? name.trim() : undefined,
      whmcsClientId: idValue(form.get('whmcsClientId'), true),
      salesforceAccountId: idValue(form.get('salesforceAccountId'), false),
    });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(FIELDS, fieldIssues.fromZod(parsed.error)));
      return;
    }
    setErrors({});
    link.mutate(
      { id: account.id, body: parsed.data },
      {
        onSuccess: (saved) => onDone(saved),
        onError: (err) => {
          const next = fieldErrorsOf(FIELDS, fieldIssues.fromBff(err.details));
          setErrors(next);
          if (Object.keys(next).length === 0) setFormError(errorText(err, t('saveFailed')));
        },
      },
    );
  }

  const input = (
    field: Field,
    label: string,
    props: { defaultValue: string; hint?: string; inputMode?: 'numeric' | 'text' },
  ) => (
    <TextField
      id={`link-${field}`}
      label={label}
      name={field}
      defaultValue={props.defaultValue}
      inputMode={props.inputMode}
      autoComplete="off"
      hint={props.hint}
      error={errors[field]}
    />
  );

  return (
    <form
      className={fieldStyles.form}
      onSubmit={onSubmit}
      noValidate
      aria-label={t('formLabel', { name: account.name })}
      data-testid="account-link-form"
    >
      {formError ? (
        <div className={cx(alertStyles.alert, alertStyles.danger)} role="alert">
          {formError}
        </div>
      ) : null}
      {input('name', t('name'), { defaultValue: account.name })}
      {input('whmcsClientId', t('whmcsClientId'), {
        defaultValue: account.whmcsClientId === null ? '' : String(account.whmcsClientId),
        inputMode: 'numeric',
        hint: t('whmcsHint'),
      })}
      {input('salesforceAccountId', t('salesforceAccountId'), {
        defaultValue: account.salesforceAccountId ?? '',
        hint: t('salesforceHint'),
      })}
      <div className={fieldStyles.actions}>
        <button
          type="submit"
          className={cx(buttonStyles.button, buttonStyles.primary)}
          disabled={link.isPending}
        >
          {link.isPending ? t('saving') : t('save')}
        </button>
        <button
          type="button"
          className={cx(buttonStyles.button, buttonStyles.secondary)}
          onClick={() => onDone(null)}
          disabled={link.isPending}
        >
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

'use client';

import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { createCaseRequestSchema } from '@portico/domain';
import { useCreateSupportMutation } from '@/features/support/api/use-create-support-mutation';
import { PageHeader } from '@/components/ui/page-header';
import { accountPagePath } from '@/lib/account-paths';
import { fieldErrorsOf } from '@/lib/form-text';
import { useErrorText, useFieldIssues } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';

type Field = 'subject' | 'description' | 'priority';
type FieldErrors = Partial<Record<Field, string>>;

const FIELDS: readonly Field[] = ['subject', 'description', 'priority'];

/** Opens a case: validated in the browser with the domain schema, server errors shown per field. */
export function NewCaseForm({ accountId }: { accountId: string }) {
  const router = useRouter();
  const create = useCreateSupportMutation(accountId);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const t = useTranslations('support.new');
  const errorText = useErrorText();
  const fieldIssues = useFieldIssues();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const form = new FormData(event.currentTarget);
    const parsed = createCaseRequestSchema.safeParse({
      subject: form.get('subject'),
      description: form.get('description'),
      priority: form.get('priority'),
    });
    if (!parsed.success) {
      const next = fieldErrorsOf(FIELDS, fieldIssues.fromZod(parsed.error));
      setErrors(next);
      const first = FIELDS.find((f) => next[f]);
      if (first) document.getElementById(`case-${first}`)?.focus();
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (created) => router.push(accountPagePath(accountId, 'support', created.id)),
      onError: (err) => {
        const next = fieldErrorsOf(FIELDS, fieldIssues.fromBff(err.details));
        setErrors(next);
        if (Object.keys(next).length === 0) setFormError(errorText(err, t('failed')));
      },
    });
  }

  const busy = create.isPending || create.isSuccess;
  const describedBy = (f: Field, hint?: string) =>
    [errors[f] ? `case-${f}-error` : null, hint].filter(Boolean).join(' ') || undefined;

  return (
    <>
      <Link className="back-link" href={accountPagePath(accountId, 'support')}>
        ← {t('back')}
      </Link>
      <PageHeader title={t('title')} description={t('description')} />
      <section className={cx(cardStyles.card, cardStyles.narrow)}>
        <form className={fieldStyles.form} onSubmit={onSubmit} noValidate>
          {formError ? (
            <div className={cx(alertStyles.alert, alertStyles.danger)} role="alert">
              {formError}
            </div>
          ) : null}
          <div className={cx(fieldStyles.field, errors.subject && fieldStyles.invalid)}>
            <label htmlFor="case-subject">{t('subject')}</label>
            <input
              id="case-subject"
              name="subject"
              type="text"
              maxLength={255}
              required
              disabled={busy}
              aria-invalid={Boolean(errors.subject)}
              aria-describedby={describedBy('subject')}
            />
            {errors.subject ? (
              <p className={fieldStyles.error} id="case-subject-error">
                {errors.subject}
              </p>
            ) : null}
          </div>
          <div className={cx(fieldStyles.field, errors.description && fieldStyles.invalid)}>
            <label htmlFor="case-description">{t('descriptionLabel')}</label>
            <textarea
              id="case-description"
              name="description"
              rows={7}
              required
              disabled={busy}
              aria-invalid={Boolean(errors.description)}
              aria-describedby={describedBy('description', 'case-description-hint')}
            />
            <p className={fieldStyles.hint} id="case-description-hint">
              {t('descriptionHint')}
            </p>
            {errors.description ? (
              <p className={fieldStyles.error} id="case-description-error">
                {errors.description}
              </p>
            ) : null}
          </div>
          <div className={cx(fieldStyles.field, errors.priority && fieldStyles.invalid)}>
            <label htmlFor="case-priority">{t('priority')}</label>
            <select
              id="case-priority"
              name="priority"
              defaultValue="medium"
              disabled={busy}
              aria-invalid={Boolean(errors.priority)}
              aria-describedby={describedBy('priority')}
            >
              <option value="low">{t('priorityLow')}</option>
              <option value="medium">{t('priorityMedium')}</option>
              <option value="high">{t('priorityHigh')}</option>
            </select>
            {errors.priority ? (
              <p className={fieldStyles.error} id="case-priority-error">
                {errors.priority}
              </p>
            ) : null}
          </div>
          <div className={fieldStyles.actions}>
            <button type="submit" className={cx(buttonStyles.button, buttonStyles.primary)} disabled={busy}>
              {busy ? t('opening') : t('submit')}
            </button>
            <Link
              className={cx(buttonStyles.button, buttonStyles.ghost)}
              href={accountPagePath(accountId, 'support')}
            >
              {t('cancel')}
            </Link>
          </div>
        </form>
      </section>
    </>
  );
}

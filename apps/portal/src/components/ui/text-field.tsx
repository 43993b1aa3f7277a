import type { InputHTMLAttributes } from 'react';
import fieldStyles from './field.module.css';
import { cx } from '@/lib/cx';

/**
 * A labelled text input with its hint and its error, wired for assistive technology: the input names its error and
 * hint in `aria-describedby` (`<id>-error`, `<id>-hint`) and is `aria-invalid` while it has an error.
 */
export function TextField({
  id,
  label,
  hint,
  error,
  ...input
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby'>) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return (
    <div className={cx(fieldStyles.field, error && fieldStyles.invalid)}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint ? (
        <span id={`${id}-hint`} className={fieldStyles.hint}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className={fieldStyles.error}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

'use client';

import { cx } from '@/lib/cx';
import styles from './segmented-control.module.css';

/** One option of a {@link SegmentedControl}. */
export interface SegmentOption<T extends string> {
  value: T;
  label: string;
}

/** A row of mutually exclusive buttons (filters, ranges), exposed as a radio group. */
export function SegmentedControl<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly SegmentOption<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div className={styles.segmented} role="radiogroup" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={option.value === value}
          className={cx(styles.item, option.value === value && styles.active)}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

'use client';

import { useTranslations } from 'next-intl';
import { isApiError } from '@/lib/api-client';
import { useErrorText } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import styles from './error-state.module.css';
import buttonStyles from './button.module.css';

/** A failed load: what happened, the request id for support, and a retry button. */
export function ErrorState({
  title,
  error,
  onRetry,
  retrying = false,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}) {
  const t = useTranslations('common');
  const errorText = useErrorText();
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <div className={styles.errorState} role="alert">
      <svg className={styles.icon} viewBox="0 0 20 20" aria-hidden="true">
        <path
          fill="currentColor"
          d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm0 3.5a1 1 0 0 1 1 1V10a1 1 0 1 1-2 0V6.5a1 1 0 0 1 1-1Zm0 9a1.1 1.1 0 1 1 0-2.2 1.1 1.1 0 0 1 0 2.2Z"
        />
      </svg>
      <div className={styles.body}>
        <p className={styles.title}>{title ?? t('couldNotLoad')}</p>
        <p className={styles.message}>{errorText(error)}</p>
        {requestId ? <p className={styles.meta}>{t('reference', { requestId })}</p> : null}
      </div>
      {onRetry ? (
        <button
          type="button"
          className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
          onClick={onRetry}
          disabled={retrying}
        >
          {retrying ? t('retrying') : t('retry')}
        </button>
      ) : null}
    </div>
  );
}

'use client';

import { useTranslations } from 'next-intl';
import { useConnectionState } from '@/lib/realtime';

/** Live-update status, announced politely to screen readers when it changes. */
export function ConnectionIndicator() {
  const state = useConnectionState();
  const t = useTranslations('shell.connection');
  const description = t(`${state}Description`);
  return (
    <span
      className={`connection connection--${state}`}
      data-testid="connection"
      data-state={state}
      title={description}
      role="status"
      aria-live="polite"
    >
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{t(state)}</span>
      <span className="visually-hidden">{description}</span>
    </span>
  );
}

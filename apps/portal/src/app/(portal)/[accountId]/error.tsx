'use client';

import { useTranslations } from 'next-intl';
import { ErrorState } from '@/components/ui/error-state';

/** Unexpected render error inside the portal: keep the shell, offer a retry. */
export default function PortalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations('shell');
  return <ErrorState title={t('pageFailed')} error={error} onRetry={reset} />;
}

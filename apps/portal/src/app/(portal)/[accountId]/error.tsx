'use client';

import { ErrorState } from '@/components/ui/error-state';

/** Unexpected render error inside the portal: keep the shell, offer a retry. */
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState title="This page failed to load" error={error} onRetry={reset} />;
}

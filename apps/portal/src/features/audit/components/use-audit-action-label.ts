'use client';

import { useCallback } from 'react';
import { useTranslations } from 'next-intl';
import { auditActionLabel } from '@portico/domain';

/**
 * The label of an audit action in the page's language (`audit.actions.<area>.<verb>`); an action the catalogue does
 * not know yet falls back to the domain's English words. The function is the same across renders of one language, so
 * memoised table columns built with it stay put.
 */
export function useAuditActionLabel(): (action: string) => string {
  const t = useTranslations('audit.actions');
  return useCallback((action: string) => (t.has(action) ? t(action) : auditActionLabel(action)), [t]);
}

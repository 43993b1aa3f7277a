'use client';

import { useTranslations } from 'next-intl';
import { auditActionLabel } from '@portico/domain';

/**
 * The label of an audit action in the page's language (`audit.actions.<area>.<verb>`); an action the catalogue does
 * not know yet falls back to the domain's English words.
 */
export function useAuditActionLabel(): (action: string) => string {
  const t = useTranslations('audit.actions');
  return (action) => (t.has(action) ? t(action) : auditActionLabel(action));
}

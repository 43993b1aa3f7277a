'use client';

import { useTranslations } from 'next-intl';
import type { TemplatePanelData } from '@portico/domain';
import styles from '../dashboards.module.css';

/**
 * A template panel. The BFF escapes the template's text and every value (Mustache), so `html` holds character
 * references but no markup; it is checked again here and refused when it holds any `<`.
 */
export function TemplatePanel({ data }: { data: TemplatePanelData }) {
  const t = useTranslations('dashboards.panel');
  if (data.html.includes('<')) return <p className={styles.muted}>{t('notShown')}</p>;
  // Escaped on the server and checked above: character references only.
  return <div className={styles.template} dangerouslySetInnerHTML={{ __html: data.html }} />;
}

import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { cx } from '@/lib/cx';
import layoutStyles from '@/components/ui/layout.module.css';
import cardStyles from '@/components/ui/card.module.css';
import pageHeaderStyles from '@/components/ui/page-header.module.css';
import buttonStyles from '@/components/ui/button.module.css';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main id="main" className={layoutStyles.centeredPage}>
      <div className={cardStyles.card} style={{ maxWidth: 420, textAlign: 'center' }}>
        <h1 className={pageHeaderStyles.title}>{t('title')}</h1>
        <p className="muted" style={{ margin: '8px 0 16px' }}>
          {t('body')}
        </p>
        <Link className={cx(buttonStyles.button, buttonStyles.primary)} href="/">
          {t('action')}
        </Link>
      </div>
    </main>
  );
}

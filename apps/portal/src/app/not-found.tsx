import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main id="main" className="centered-page">
      <div className="card" style={{ maxWidth: 420, textAlign: 'center' }}>
        <h1 className="page-header__title">{t('title')}</h1>
        <p className="muted" style={{ margin: '8px 0 16px' }}>
          {t('body')}
        </p>
        <Link className="button button--primary" href="/">
          {t('action')}
        </Link>
      </div>
    </main>
  );
}

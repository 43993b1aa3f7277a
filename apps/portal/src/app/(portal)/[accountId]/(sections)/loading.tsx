import { getTranslations } from 'next-intl/server';
import { SkeletonLines } from '@/components/ui/skeleton';
import cardStyles from '@/components/ui/card.module.css';

export default async function PortalLoading() {
  const t = await getTranslations('common');
  return (
    <section className={cardStyles.card}>
      <SkeletonLines lines={6} label={t('loadingPage')} />
    </section>
  );
}

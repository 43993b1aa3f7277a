import { getTranslations } from 'next-intl/server';
import { SkeletonLines } from '@/components/ui/skeleton';

export default async function PortalLoading() {
  const t = await getTranslations('common');
  return (
    <section className="card">
      <SkeletonLines lines={6} label={t('loadingPage')} />
    </section>
  );
}

import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { caseDetailQuery } from '@/features/support/api/support.queries';
import { Prefetched } from '@/lib/server-prefetch';
import { CaseDetailView } from '@/features/support/components/case-detail-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('case') };
}

export default async function CasePage({
  params,
}: {
  params: Promise<{ accountId: string; caseId: string }>;
}) {
  const p = await params;
  const accountId = decodeURIComponent(p.accountId);
  const caseId = decodeURIComponent(p.caseId);
  return (
    <Prefetched prefetch={(qc, client) => qc.prefetchQuery(caseDetailQuery(client, accountId, caseId))}>
      <CaseDetailView accountId={accountId} caseId={caseId} />
    </Prefetched>
  );
}

import type { Metadata } from 'next';
import { caseDetailQuery } from '@/features/support/api/support.queries';
import { Prefetched } from '@/lib/server-prefetch';
import { CaseDetailView } from './case-detail-view';

export const metadata: Metadata = { title: 'Support case' };

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

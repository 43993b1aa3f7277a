import type { Metadata } from 'next';
import { HydrationBoundary } from '@tanstack/react-query';
import { caseDetailQuery } from '@/features/support/api/support.queries';
import { prefetchOnServer } from '@/lib/server-prefetch';
import { CaseDetailView } from './case-detail-view';

export const metadata: Metadata = { title: 'Support case' };

export default async function CasePage({ params }: { params: Promise<{ accountId: string; caseId: string }> }) {
  const p = await params;
  const accountId = decodeURIComponent(p.accountId);
  const caseId = decodeURIComponent(p.caseId);
  const state = await prefetchOnServer((qc, client) => qc.prefetchQuery(caseDetailQuery(client, accountId, caseId)));
  return (
    <HydrationBoundary state={state}>
      <CaseDetailView accountId={accountId} caseId={caseId} />
    </HydrationBoundary>
  );
}

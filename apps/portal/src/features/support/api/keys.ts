import type { CaseListQuery } from '@portico/domain';

/** Query keys of support cases. Invalidating `cases(accountId)` refreshes every list and detail. */
export const supportKeys = {
  cases: (accountId: string) => ['account', accountId, 'cases'] as const,
  caseList: (accountId: string, query: CaseListQuery) => ['account', accountId, 'cases', 'list', query] as const,
  caseDetail: (accountId: string, caseId: string) => ['account', accountId, 'cases', 'detail', caseId] as const,
};

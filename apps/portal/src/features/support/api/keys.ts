import type { CaseListQuery } from '@portico/domain';

/** Query keys of support cases. Invalidating `cases(accountId)` refreshes every list, detail and conversation. */
export const supportKeys = {
  cases: (accountId: string) => ['account', accountId, 'cases'] as const,
  caseList: (accountId: string, query: CaseListQuery) =>
    ['account', accountId, 'cases', 'list', query] as const,
  caseDetail: (accountId: string, caseId: string) =>
    ['account', accountId, 'cases', 'detail', caseId] as const,
  caseComments: (accountId: string, caseId: string) =>
    ['account', accountId, 'cases', 'comments', caseId] as const,
};

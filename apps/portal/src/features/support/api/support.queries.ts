import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { caseCommentListSchema, caseDetailSchema, casePageSchema, type CaseListQuery } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import type { ApiClient } from '@/lib/api-client';
import { supportKeys } from './keys';

/** One page of support cases (open, closed or all). */
export function caseListQuery(client: ApiClient, accountId: string, query: CaseListQuery) {
  return queryOptions({
    queryKey: supportKeys.caseList(accountId, query),
    queryFn: ({ signal }) =>
      client.request(accountApiPath(accountId, 'cases'), casePageSchema, {
        signal,
        query: { page: query.page, pageSize: query.pageSize, state: query.state },
      }),
    placeholderData: keepPreviousData,
  });
}

/** One support case, with whether the customer may reply. */
export function caseDetailQuery(client: ApiClient, accountId: string, caseId: string) {
  return queryOptions({
    queryKey: supportKeys.caseDetail(accountId, caseId),
    queryFn: ({ signal }) =>
      client.request(accountApiPath(accountId, 'cases', caseId), caseDetailSchema, { signal }),
  });
}

/** The public conversation of a case, oldest first. */
export function caseCommentsQuery(client: ApiClient, accountId: string, caseId: string) {
  return queryOptions({
    queryKey: supportKeys.caseComments(accountId, caseId),
    queryFn: ({ signal }) =>
      client.request(accountApiPath(accountId, 'cases', caseId, 'comments'), caseCommentListSchema, {
        signal,
      }),
  });
}

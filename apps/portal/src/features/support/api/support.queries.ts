import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { CaseListQuery } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import type { ApiClient } from '@/lib/api-client';
import { supportKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** One page of support cases (open, closed or all). */
export function caseListQuery(client: ApiClient, accountId: string, query: CaseListQuery) {
  return queryOptions({
    queryKey: supportKeys.caseList(accountId, query),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'cases'),
        domainSchema((d) => d.casePageSchema),
        {
          signal,
          query: { page: query.page, pageSize: query.pageSize, state: query.state },
        },
      ),
    placeholderData: keepPreviousData,
  });
}

/** One support case, with whether the customer may reply. */
export function caseDetailQuery(client: ApiClient, accountId: string, caseId: string) {
  return queryOptions({
    queryKey: supportKeys.caseDetail(accountId, caseId),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'cases', caseId),
        domainSchema((d) => d.caseDetailSchema),
        { signal },
      ),
  });
}

/** The public conversation of a case, oldest first. */
export function caseCommentsQuery(client: ApiClient, accountId: string, caseId: string) {
  return queryOptions({
    queryKey: supportKeys.caseComments(accountId, caseId),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'cases', caseId, 'comments'),
        domainSchema((d) => d.caseCommentListSchema),
        {
          signal,
        },
      ),
  });
}

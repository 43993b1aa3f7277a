import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { casePageSchema, supportCaseSchema, type CaseListQuery } from '@portico/domain';
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

/** One support case. */
export function caseDetailQuery(client: ApiClient, accountId: string, caseId: string) {
  return queryOptions({
    queryKey: supportKeys.caseDetail(accountId, caseId),
    queryFn: ({ signal }) =>
      client.request(accountApiPath(accountId, 'cases', caseId), supportCaseSchema, { signal }),
  });
}

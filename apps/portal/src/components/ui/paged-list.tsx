'use client';

import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { PageInfo } from '@portico/domain';
import { ErrorState } from './error-state';
import { Pagination } from './pagination';
import { SkeletonLines } from './skeleton';
import layoutStyles from './layout.module.css';

/**
 * The body of a paged list bound to its query: placeholder lines while the first page loads, the error with a retry,
 * `empty` when the page has no items, else the items and the paging. While another page loads, the current one stays
 * on screen, dimmed.
 */
export function PagedList<T>({
  query,
  loadingLabel,
  errorTitle,
  empty,
  onPageChange,
  children,
}: {
  query: UseQueryResult<{ items: T[]; page: PageInfo }>;
  loadingLabel: string;
  errorTitle: string;
  empty: ReactNode;
  onPageChange: (page: number) => void;
  children: (items: T[]) => ReactNode;
}) {
  if (query.isPending) return <SkeletonLines lines={6} label={loadingLabel} />;
  if (query.isError) {
    return (
      <ErrorState
        title={errorTitle}
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  if (query.data.items.length === 0) return empty;
  return (
    <div className={query.isPlaceholderData ? layoutStyles.isUpdating : undefined}>
      {children(query.data.items)}
      <Pagination page={query.data.page} onChange={onPageChange} busy={query.isFetching} />
    </div>
  );
}

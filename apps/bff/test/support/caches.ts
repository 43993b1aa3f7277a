import { statusBlockNameSchema } from '@portico/domain';
import {
  READ_RESOURCE_SOURCE,
  ReadCacheService,
  type ReadResource,
} from '../../src/modules/read-cache/read-cache.service';
import { StatusCacheService } from '../../src/modules/status-cache/status-cache.service';
import type { TestApp } from './test-app';

/**
 * Drops every cached read page and status block of these accounts. With Redis the caches outlive one suite, and the
 * demo accounts have the same ids in every suite: after a sandbox reset, what another suite read (a case it reopened,
 * an invoice it paid) would otherwise be served fresh.
 */
export async function forgetCachedReads(t: TestApp, accountIds: readonly string[]): Promise<void> {
  const resources = Object.keys(READ_RESOURCE_SOURCE) as ReadResource[];
  for (const id of accountIds) {
    await t.app.get(ReadCacheService).invalidate(id, resources);
    await t.app.get(StatusCacheService).invalidate(id, statusBlockNameSchema.options);
  }
}

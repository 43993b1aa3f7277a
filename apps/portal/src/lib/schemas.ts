import type { z } from 'zod';

/** The domain package's exports: its schemas, among the rest. */
export type DomainModule = typeof import('@portico/domain');

let domain: Promise<DomainModule> | undefined;

/**
 * The domain package, imported on its first use and kept: zod and the schemas then load with the first answer that
 * needs checking, not with the page (a page rendered with prefetched data needs none until it reads again).
 */
export function loadDomain(): Promise<DomainModule> {
  domain ??= import('@portico/domain');
  return domain;
}

/** A loader of one domain schema, for {@link ApiClient.request}: `domainSchema((d) => d.meSchema)`. */
export function domainSchema<T>(pick: (domain: DomainModule) => z.ZodType<T>): () => Promise<z.ZodType<T>> {
  return () => loadDomain().then(pick);
}

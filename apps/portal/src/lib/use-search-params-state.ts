'use client';

import { useState } from 'react';
import { usePathname, useRouter } from 'next/navigation';

/**
 * View choices (a filter and a page, a metric and a range) held in state and mirrored in the URL's query string, in
 * the key order of `initial` (empty strings left out), so a reload or a shared link opens the same view. The URL is replaced (no history
 * entry, no scroll); the server page reads the same parameters to prefetch.
 */
export function useSearchParamsState<P extends Record<string, string | number>>(
  initial: P,
): [P, (next: P) => void] {
  const router = useRouter();
  const pathname = usePathname();
  const [params, setParams] = useState(initial);

  function update(next: P): void {
    setParams(next);
    // Empty values are left out of the URL (an unset filter).
    const query = new URLSearchParams(
      Object.entries(next)
        .filter(([, value]) => value !== '')
        .map(([key, value]) => [key, String(value)]),
    );
    router.replace(`${pathname}?${query.toString()}`, { scroll: false });
  }

  return [params, update];
}

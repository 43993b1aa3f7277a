'use client';

import { useFormat } from '@/lib/use-format';

/**
 * An instant (ISO 8601) as the reader's date and time, in a `<time>` carrying the exact value. The server renders
 * it in another time zone than the browser, so React is told to accept the differing text on hydration.
 */
export function DateTime({ at }: { at: string }) {
  const f = useFormat();
  return (
    <time dateTime={at} suppressHydrationWarning>
      {f.dateTime(at)}
    </time>
  );
}

'use client';

import { useEffect, useState } from 'react';

/**
 * The current time in epoch ms, refreshed every `intervalMs`; null until mounted so server and browser render the
 * same HTML.
 */
export function useNow(intervalMs = 30_000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the server renders without a time (null); the first client time is set after hydration so both match
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

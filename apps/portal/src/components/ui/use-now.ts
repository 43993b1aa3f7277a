'use client';

import { useEffect, useState } from 'react';

/**
 * The current time in epoch ms, refreshed every `intervalMs`; null until mounted so server and browser render the
 * same HTML.
 */
export function useNow(intervalMs = 30_000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

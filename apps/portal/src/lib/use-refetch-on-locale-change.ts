'use client';

import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLocale } from 'next-intl';

/**
 * Refetches every query when the page's language changes (the switcher, or the saved language adopted after sign-in):
 * the BFF words configured texts (dashboard and panel titles, metric labels) in the request's language, so answers
 * cached in the previous one are stale. Runs after the commit that set the new `<html lang>` the API client sends.
 */
export function useRefetchOnLocaleChange(): void {
  const locale = useLocale();
  const queryClient = useQueryClient();
  const previous = useRef(locale);
  useEffect(() => {
    if (previous.current === locale) return;
    previous.current = locale;
    void queryClient.invalidateQueries();
  }, [locale, queryClient]);
}

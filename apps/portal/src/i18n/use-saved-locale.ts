'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { useLocale } from 'next-intl';
import type { Me } from '@portico/domain';
import { LOCALE_COOKIE } from './config';
import { writePreferenceCookie } from '@/lib/theme';

/**
 * Makes the signed-in user's saved language (`me.user.locale`) the page's language: when it differs from the one the
 * server rendered with (the cookie, else `Accept-Language`), the cookie takes the saved value and the page re-renders
 * on the server. A user without a saved language keeps the browser's.
 */
export function useSavedLocale(me: Me | undefined): void {
  const locale = useLocale();
  const router = useRouter();
  const saved = me?.user.locale ?? null;
  useEffect(() => {
    if (saved === null || saved === locale) return;
    writePreferenceCookie(LOCALE_COOKIE, saved);
    router.refresh();
  }, [saved, locale, router]);
}

/** Before navigating after sign-in: the saved language goes into the cookie, so the next page renders in it. */
export function adoptSavedLocale(me: Me): void {
  if (me.user.locale) writePreferenceCookie(LOCALE_COOKIE, me.user.locale);
}

import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE } from './config';
import { resolveLocale } from './resolve-locale';

/**
 * next-intl's per-request configuration (the "without i18n routing" set-up: URLs carry no locale). The language comes
 * from the `portico_locale` cookie, then `Accept-Language`; see {@link resolveLocale}.
 */
export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get('accept-language'));
  const messages = (await import(`../messages/${locale}.json`)) as { default: Record<string, unknown> };
  return { locale, messages: messages.default };
});

import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { serverEnv } from '@/env';
import { THEME_COOKIE, themeFromCookie } from '@/lib/theme';
import { Providers } from './providers';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return { title: { default: 'Portico', template: '%s · Portico' }, description: t('description') };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#4338ca' },
    { media: '(prefers-color-scheme: dark)', color: '#111522' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request so the BFF address comes from the running server's environment, not the build's.
  await connection();
  const { REALTIME_PUBLIC_URL } = serverEnv();
  const [locale, t, cookieStore] = await Promise.all([getLocale(), getTranslations('app'), cookies()]);
  const theme = themeFromCookie(cookieStore.get(THEME_COOKIE)?.value);
  return (
    <html lang={locale} data-theme={theme === 'system' ? undefined : theme}>
      <body>
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        <NextIntlClientProvider>
          <Providers realtimeUrl={REALTIME_PUBLIC_URL} theme={theme}>
            {children}
          </Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { connection } from 'next/server';
import { serverEnv } from '@/env';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Portico', template: '%s · Portico' },
  description: 'Your hosting account: billing, usage and support in one place.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#4338ca' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request so the BFF address comes from the running server's environment, not the build's.
  await connection();
  const { BFF_PUBLIC_URL } = serverEnv();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Providers realtimeUrl={BFF_PUBLIC_URL}>{children}</Providers>
      </body>
    </html>
  );
}

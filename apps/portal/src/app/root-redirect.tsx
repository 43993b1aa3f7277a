'use client';

import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { firstDashboardPath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import layoutStyles from '@/components/ui/layout.module.css';
import { domainSchema } from '@/lib/schemas';

/** Finds where to go from `/` in the browser, where an expired access token can be refreshed. */
export function RootRedirect() {
  const router = useRouter();
  const t = useTranslations('rootRedirect');
  const [message, setMessage] = useState<'opening' | 'noAccount'>('opening');
  useEffect(() => {
    let cancelled = false;
    browserApiClient
      .request(
        '/api/v1/me',
        domainSchema((d) => d.meSchema),
      )
      .then((me) => {
        if (cancelled) return;
        const target = firstDashboardPath(me);
        if (target) router.replace(target);
        else setMessage('noAccount');
      })
      .catch(() => {
        if (!cancelled) router.replace('/login');
      });
    return () => {
      cancelled = true;
    };
  }, [router]);
  return (
    <main id="main" className={layoutStyles.centeredPage}>
      <p role="status">{t(message)}</p>
    </main>
  );
}

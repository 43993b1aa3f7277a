'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { expiringDomainsQuery, paymentMethodsQuery } from '@/features/billing/api/billing.queries';
import { accountPagePath } from '@/lib/account-paths';
import { browserApiClient } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { useAccountPermissions } from '@/lib/use-account-permissions';
import { cx } from '@/lib/cx';
import styles from './attention-notices.module.css';
import alertStyles from '@/components/ui/alert.module.css';

/**
 * Dashboard warnings that need the customer: domains expiring within 30 days, and a default card that expires before
 * the next charge. Each reads its own page's (cached) data, only for roles that may see it; nothing shows while
 * loading or on error (the pages themselves say more). The dashboard page prefetches both on the server.
 */
export function AttentionNotices({ accountId }: { accountId: string }) {
  const permissions = useAccountPermissions(accountId);
  const t = useTranslations('attention');
  const f = useFormat();
  const domains = useQuery({
    ...expiringDomainsQuery(browserApiClient, accountId),
    enabled: permissions.can('subscriptions:read'),
  });
  const methods = useQuery({
    ...paymentMethodsQuery(browserApiClient, accountId),
    enabled: permissions.can('billing:read'),
  });
  const expiring = domains.data?.items ?? [];
  const warning = methods.data?.warning ?? null;
  if (expiring.length === 0 && warning === null) return null;
  return (
    <div className={styles.attention} data-testid="attention">
      {expiring.length > 0 ? (
        <div
          className={cx(alertStyles.alert, alertStyles.warning)}
          role="status"
          data-testid="attention-domains"
        >
          <strong>
            {expiring.length === 1
              ? t('oneDomain', { name: expiring[0]?.name ?? '' })
              : t('domains', { count: expiring.length })}
          </strong>
          {expiring.length === 1 && expiring[0]?.expiresOn
            ? t('onDate', { date: f.date(expiring[0].expiresOn) })
            : ''}
          .{' '}
          <Link className="link" href={accountPagePath(accountId, 'domains') + '?status=expiring'}>
            {t('review')}
          </Link>
        </div>
      ) : null}
      {warning ? (
        <div
          className={cx(alertStyles.alert, alertStyles.warning)}
          role="status"
          data-testid="attention-card"
        >
          <strong>{t('card')}</strong>
          {t('cardOn', { date: f.date(warning.nextChargeOn) })}{' '}
          <Link className="link" href={accountPagePath(accountId, 'billing', 'payment-methods')}>
            {t('updateCard')}
          </Link>
        </div>
      ) : null}
    </div>
  );
}

'use client';

import { useTranslations } from 'next-intl';
import { PreferenceSwitchers } from '@/components/shell/preference-switchers';
import { useQuery } from '@tanstack/react-query';
import { roleHasPermission } from '@portico/domain';
import { PageHeader } from '@/components/ui/page-header';
import { meQuery } from '@/features/auth/api/auth.queries';
import { AccountSecurityCard } from '@/features/settings/components/account-security-card';
import { PasswordCard } from '@/features/settings/components/password-card';
import { SessionsCard } from '@/features/settings/components/sessions-card';
import { TwoFactorCard } from '@/features/settings/components/two-factor-card';
import { NotificationPreferencesCard } from '@/features/notifications/components/notification-preferences-card';
import { browserApiClient } from '@/lib/api-client';
import { cx } from '@/lib/cx';
import alertStyles from '@/components/ui/alert.module.css';
import layoutStyles from '@/components/ui/layout.module.css';
import cardStyles from '@/components/ui/card.module.css';

/** The signed-in user's security: sessions, two-factor authentication, password; owners also see account rules. */
export function SettingsView({ accountId }: { accountId: string }) {
  const me = useQuery(meQuery(browserApiClient));
  const t = useTranslations('settings');
  const membership = me.data?.memberships.find((m) => m.accountId === accountId);
  const mustEnrol = membership?.mfaRequired === true && me.data?.user.mfaEnabled === false;
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {mustEnrol ? (
        <div
          className={cx(alertStyles.alert, alertStyles.danger)}
          role="alert"
          data-testid="mfa-required-notice"
        >
          {t('mfaRequired', { account: membership.accountName })}
        </div>
      ) : null}
      <div className={layoutStyles.dashboardGrid}>
        <section className={cardStyles.card} aria-labelledby="appearance-title">
          <h2 className={cardStyles.title} id="appearance-title">
            {t('appearanceTitle')}
          </h2>
          <p className="muted small">{t('appearanceBody')}</p>
          <PreferenceSwitchers signedIn />
        </section>
        <TwoFactorCard />
        <PasswordCard />
        <SessionsCard />
        {membership && roleHasPermission(membership.role, 'security:manage') ? (
          <AccountSecurityCard accountId={accountId} accountName={membership.accountName} />
        ) : null}
        {membership ? (
          <NotificationPreferencesCard accountId={accountId} accountName={membership.accountName} />
        ) : null}
      </div>
    </>
  );
}

'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { accountSecurityQuery } from '@/features/settings/api/settings.queries';
import { useAccountMfaSecurityMutation } from '@/features/settings/api/use-security-mutations';
import { browserApiClient } from '@/lib/api-client';
import { useErrorText } from '@/lib/use-error-text';
import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';

/** Owners: require two-factor authentication of every member of the account. */
export function AccountSecurityCard({ accountId, accountName }: { accountId: string; accountName: string }) {
  const settings = useQuery(accountSecurityQuery(browserApiClient, accountId));
  const update = useAccountMfaSecurityMutation(accountId);
  const required = settings.data?.mfaRequired ?? false;
  const t = useTranslations('settings.accountSecurity');
  const errorText = useErrorText();
  return (
    <section className={cardStyles.card} aria-labelledby="account-security-title">
      <h2 className={cardStyles.title} id="account-security-title">
        {t('title', { account: accountName })}
      </h2>
      <p className="muted">{t('body')}</p>
      <label className={fieldStyles.inline}>
        <input
          type="checkbox"
          checked={required}
          disabled={settings.isPending || update.isPending}
          onChange={(e) => update.mutate({ mfaRequired: e.target.checked })}
          data-testid="require-mfa"
        />{' '}
        {t('require')}
      </label>
      {update.isError ? (
        <p className="text-danger" role="alert">
          {errorText(update.error)}
        </p>
      ) : null}
    </section>
  );
}

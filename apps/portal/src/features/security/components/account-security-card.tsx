'use client';

import { useQuery } from '@tanstack/react-query';
import { accountSecurityQuery } from '@/features/security/api/security.queries';
import { useAccountMfaSecurityMutation } from '@/features/security/api/use-security-mutations';
import { browserApiClient } from '@/lib/api-client';

/** Owners: require two-factor authentication of every member of the account. */
export function AccountSecurityCard({ accountId, accountName }: { accountId: string; accountName: string }) {
  const settings = useQuery(accountSecurityQuery(browserApiClient, accountId));
  const update = useAccountMfaSecurityMutation(accountId);
  const required = settings.data?.mfaRequired ?? false;
  return (
    <section className="card" aria-labelledby="account-security-title">
      <h2 className="card__title" id="account-security-title">
        {accountName}: sign-in rules
      </h2>
      <p className="muted">
        When required, members without two-factor authentication must set it up before they can open this
        account.
      </p>
      <label className="field--inline">
        <input
          type="checkbox"
          checked={required}
          disabled={settings.isPending || update.isPending}
          onChange={(e) => update.mutate({ mfaRequired: e.target.checked })}
          data-testid="require-mfa"
        />{' '}
        Require two-factor authentication for every member
      </label>
      {update.isError ? (
        <p className="text-danger" role="alert">
          {update.error.message}
        </p>
      ) : null}
    </section>
  );
}

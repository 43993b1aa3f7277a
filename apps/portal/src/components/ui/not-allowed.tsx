import Link from 'next/link';
import { accountPagePath } from '@/lib/account-paths';

/** A page the member's role does not open: says so plainly and leads back to the dashboard. */
export function NotAllowed({ accountId, what }: { accountId: string; what: string }) {
  return (
    <div className="card not-allowed" role="alert" data-testid="not-allowed">
      <h1 className="page-header__title">Not available with your role</h1>
      <p className="muted">
        Your role in this account does not include {what}. If you need it, ask an owner or admin of the account to change your role.
      </p>
      <Link className="button button--secondary" href={accountPagePath(accountId, 'dashboard')}>
        Back to the dashboard
      </Link>
    </div>
  );
}

import type { Metadata } from 'next';
import { AcceptInvite } from './accept-invite';

export const metadata: Metadata = { title: 'Accept your invite', referrer: 'no-referrer' };

/** `/invite/<token>`: the link of an invite email. The token is read in the browser and sent in a request body only. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token);
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            P
          </span>
          <span className="brand__name">Portico</span>
        </div>
        <AcceptInvite token={token} />
      </div>
    </main>
  );
}

import type { Metadata } from 'next';
import { AuthCard } from '../../auth-card';
import { AcceptInvite } from './accept-invite';

export const metadata: Metadata = { title: 'Accept your invite', referrer: 'no-referrer' };

/** `/invite/<token>`: the link of an invite email. The token is read in the browser and sent in a request body only. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token);
  return (
    <AuthCard>
      <AcceptInvite token={token} />
    </AuthCard>
  );
}

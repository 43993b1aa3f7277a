import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/features/auth/components/auth-card';
import { AcceptInvite } from '@/features/auth/components/accept-invite';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('acceptInvite'), referrer: 'no-referrer' };
}

/** `/invite/<token>`: the link of an invite email. The token is read in the browser and sent in a request body only. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token);
  return (
    <AuthCard>
      <AcceptInvite token={token} />
    </AuthCard>
  );
}

import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NewCaseForm } from '@/features/support/components/new-case-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('newCase') };
}

export default async function NewCasePage({ params }: { params: Promise<{ accountId: string }> }) {
  const accountId = decodeURIComponent((await params).accountId);
  return <NewCaseForm accountId={accountId} />;
}

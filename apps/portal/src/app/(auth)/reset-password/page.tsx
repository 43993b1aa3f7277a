import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/features/auth/components/auth-card';
import { ResetPasswordForm } from '@/features/auth/components/reset-password-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.reset');
  return { title: t('metaTitle') };
}

export default async function ResetPasswordPage() {
  const t = await getTranslations('auth.reset');
  return (
    <AuthCard title={t('title')} subtitle={t('subtitle')}>
      <ResetPasswordForm />
    </AuthCard>
  );
}

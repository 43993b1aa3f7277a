import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { SearchParams } from '@/lib/search-params';
import { AuthCard } from '@/features/auth/components/auth-card';
import { LoginForm } from '@/features/auth/components/login-form';
import { cx } from '@/lib/cx';
import authStyles from '@/features/auth/components/auth-card.module.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.login');
  return { title: t('metaTitle') };
}

/** Keeps `next` to same-site paths only (no `//host` or absolute URLs). */
function safeNext(value: string | string[] | undefined): string | null {
  const next = Array.isArray(value) ? value[0] : value;
  if (
    !next ||
    !next.startsWith('/') ||
    next.startsWith('//') ||
    next.startsWith('/\\') ||
    next.startsWith('/login')
  )
    return null;
  return next;
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [params, t] = await Promise.all([searchParams, getTranslations('auth.login')]);
  return (
    <AuthCard
      title={t('title')}
      subtitle={t('subtitle')}
      footer={<p className={cx(authStyles.footer, 'muted small')}>{t('demo')}</p>}
    >
      <LoginForm next={safeNext(params.next)} initialStep={params.step === 'code' ? 'code' : 'password'} />
    </AuthCard>
  );
}

import type { Metadata } from 'next';
import type { SearchParams } from '@/lib/search-params';
import { AuthCard } from '../auth-card';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

/** Keeps `next` to same-site paths only (no `//host` or absolute URLs). */
function safeNext(value: string | string[] | undefined): string | null {
  const next = Array.isArray(value) ? value[0] : value;
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return null;
  return next;
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  return (
    <AuthCard
      title="Sign in to your account"
      subtitle="Billing, usage and support for your hosting, in one place."
      footer={<p className="auth-page__footer muted small">Demo: owner@acme.example · portico-demo-password</p>}
    >
      <LoginForm next={safeNext(params.next)} />
    </AuthCard>
  );
}

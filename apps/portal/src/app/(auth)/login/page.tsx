import type { Metadata } from 'next';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

/** Keeps `next` to same-site paths only (no `//host` or absolute URLs). */
function safeNext(value: string | string[] | undefined): string | null {
  const next = Array.isArray(value) ? value[0] : value;
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return null;
  return next;
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            P
          </span>
          <span className="brand__name">Portico</span>
        </div>
        <h1 className="auth-card__title">Sign in to your account</h1>
        <p className="muted auth-card__subtitle">Billing, usage and support for your hosting, in one place.</p>
        <LoginForm next={safeNext(params.next)} />
      </div>
      <p className="auth-page__footer muted small">Demo: owner@acme.example · portico-demo-password</p>
    </main>
  );
}

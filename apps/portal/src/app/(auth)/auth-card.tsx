import type { ReactNode } from 'react';

/** The centred card of the signed-out pages (sign-in, forgot and reset password). */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            P
          </span>
          <span className="brand__name">Portico</span>
        </div>
        <h1 className="auth-card__title">{title}</h1>
        <p className="muted auth-card__subtitle">{subtitle}</p>
        {children}
      </div>
    </main>
  );
}

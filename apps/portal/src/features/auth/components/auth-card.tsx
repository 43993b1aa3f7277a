import type { ReactNode } from 'react';
import { PreferenceSwitchers } from '@/components/shell/preference-switchers';

/**
 * The centred card of the signed-out pages (sign-in, forgot and reset password, invite). `title` and `subtitle` head
 * the card when given (a page whose heading changes with its state, like the invite, renders its own); `footer` goes
 * below the card.
 */
export function AuthCard({
  title,
  subtitle,
  footer,
  children,
}: {
  title?: string;
  subtitle?: string;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            P
          </span>
          <span className="brand__name">Portico</span>
        </div>
        {title ? <h1 className="auth-card__title">{title}</h1> : null}
        {subtitle ? <p className="muted auth-card__subtitle">{subtitle}</p> : null}
        {children}
      </div>
      {footer}
      <PreferenceSwitchers className="preferences--inline" />
    </main>
  );
}

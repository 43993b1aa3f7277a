import type { ReactNode } from 'react';

/** Colour family of a badge. */
export type BadgeTone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

/** A small status pill. Colour is never the only signal: the text always says the status. */
export function Badge({ tone, children, title }: { tone: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}

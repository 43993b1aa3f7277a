import type { HandoffState } from '../hooks/use-billing-handoff';

/** The card shown when the billing system refused a hand-off: what happened and what to do, no link. */
export function HandoffError({ state, what }: { state: HandoffState; what: string }) {
  if (state.kind !== 'failed') return null;
  return (
    <div className="alert alert--danger handoff-error" role="alert" data-testid="handoff-error">
      <strong>We could not open the billing system to {what}.</strong> {state.error.message}. Try again in a
      moment; if it keeps failing, contact support
      {state.error.requestId ? ` (reference ${state.error.requestId})` : ''}.
    </div>
  );
}

'use client';

import { useState } from 'react';
import { accountApiPath } from '@/lib/account-paths';
import { browserApiClient, isApiError, type ApiError } from '@/lib/api-client';
import { domainSchema } from '@/lib/schemas';

/** What a hand-off is doing: idle, waiting for the link, opened, or failed with the BFF's error. */
export type HandoffState =
  { kind: 'idle' } | { kind: 'opening' } | { kind: 'opened' } | { kind: 'failed'; error: ApiError };

/**
 * Hands the member to the billing system's own page (pay an invoice, manage payment methods) through a one-time
 * single sign-on link. The new tab is opened within the click (so pop-up blockers allow it) and sent to the link once
 * it arrives; when the billing system refuses, the tab is closed and the error is kept for the page to show (no
 * redirect). Without a tab (blocked), this tab goes there instead.
 */
export function useBillingHandoff(accountId: string, path: readonly string[]) {
  const [state, setState] = useState<HandoffState>({ kind: 'idle' });
  const start = () => {
    const tab = window.open('about:blank', '_blank');
    setState({ kind: 'opening' });
    browserApiClient
      .request(
        accountApiPath(accountId, ...path),
        domainSchema((d) => d.billingHandoffSchema),
        { method: 'POST' },
      )
      .then(({ redirectUrl }) => {
        if (tab && !tab.closed) {
          tab.opener = null;
          tab.location.href = redirectUrl;
          setState({ kind: 'opened' });
        } else {
          window.location.assign(redirectUrl);
        }
      })
      .catch((error: unknown) => {
        tab?.close();
        setState({
          kind: 'failed',
          error: isApiError(error) ? error : (new Error('Something went wrong') as ApiError),
        });
      });
  };
  return { state, start, reset: () => setState({ kind: 'idle' }) };
}

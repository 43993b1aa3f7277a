import type { CancellationType } from '../../billing/subscription.schema';

/** Where a WHMCS single sign-on token lands. */
export type WhmcsSsoTarget = { kind: 'invoice'; invoiceId: string } | { kind: 'payment_methods' };

/**
 * `CreateSsoToken` parameters for a target (client id added by the caller):
 * - an invoice: `destination=sso:custom_redirect`, `sso_redirect_path=viewinvoice.php?id=<id>` (the invoice's pay page);
 * - payment methods: `destination=clientarea:billing_info` ("Manage Billing Information").
 */
export function toSsoTokenParams(target: WhmcsSsoTarget): Record<string, string> {
  if (target.kind === 'invoice') {
    if (!/^\d+$/.test(target.invoiceId)) throw new Error('invoice id must be numeric');
    return {
      destination: 'sso:custom_redirect',
      sso_redirect_path: `viewinvoice.php?id=${target.invoiceId}`,
    };
  }
  return { destination: 'clientarea:billing_info' };
}

/** WHMCS `AddCancelRequest` `type` of a cancellation type: `Immediate` or `End of Billing Period`. */
export function toWhmcsCancellationType(type: CancellationType): 'Immediate' | 'End of Billing Period' {
  return type === 'immediate' ? 'Immediate' : 'End of Billing Period';
}

/** WHMCS's answer when a service already has a cancellation request (`result: error`). */
export function isExistingCancellationMessage(message: string): boolean {
  return /existing cancellation request/i.test(message);
}

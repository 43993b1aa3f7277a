import type { RealtimeEvent, StatusBlockName } from '@portico/domain';

/** Kind of a `billing_alert` event. */
export type BillingAlertKind = Extract<RealtimeEvent, { type: 'billing_alert' }>['payload']['kind'];

/** WHMCS hook points that change an invoice or its payments (dashboard `billing` block). */
const WHMCS_INVOICE_EVENTS: Readonly<Record<string, BillingAlertKind | null>> = {
  InvoicePaid: 'invoice_paid',
  InvoiceCreated: 'invoice_created',
  InvoiceCreation: 'invoice_created',
  InvoiceCancelled: 'invoice_cancelled',
  InvoiceRefunded: 'invoice_refunded',
  AddInvoicePayment: 'payment_added',
  InvoiceUnpaid: null,
  InvoicePaymentReminder: null,
  InvoiceChangeStatus: null,
  UpdateInvoiceTotal: null,
};

/**
 * Dashboard blocks a WHMCS hook point touches: invoice hooks -> `billing`; `ClientEdit` -> `profile`;
 * `AfterModule*` (create, suspend, unsuspend, terminate, change package) -> `subscriptions` and `usage` (limits
 * come from the plans); `CancellationRequest` -> `subscriptions`; `Ticket*` -> `cases`. Unknown hooks touch nothing.
 */
export function whmcsEventBlocks(event: string): StatusBlockName[] {
  if (event in WHMCS_INVOICE_EVENTS) return ['billing'];
  if (event === 'ClientEdit' || event === 'ClientDetailsValidation' || event === 'ClientChangeStatus')
    return ['profile'];
  if (event.startsWith('AfterModule')) return ['subscriptions', 'usage'];
  if (event === 'CancellationRequest') return ['subscriptions'];
  if (event.startsWith('Ticket')) return ['cases'];
  return [];
}

/** The `billing_alert` kind of a WHMCS invoice hook, null when the hook is not one (or its kind depends on status). */
export function whmcsBillingAlertKind(event: string): BillingAlertKind | null {
  return WHMCS_INVOICE_EVENTS[event] ?? null;
}

/** Whether a WHMCS hook is about an invoice (a `billing_alert` is due once the invoice is re-read). */
export function isWhmcsInvoiceEvent(event: string): boolean {
  return event in WHMCS_INVOICE_EVENTS;
}

/**
 * Dashboard blocks a Salesforce change touches: `Case` and `CaseComment` records (`CaseChanged`,
 * `CaseCommentCreated`) -> `cases`; the `Account` record -> `crm`. Anything else touches nothing.
 */
export function salesforceEventBlocks(event: string, sobject: string | undefined): StatusBlockName[] {
  if (sobject === 'Case' || event.startsWith('Case')) return ['cases'];
  if (sobject === 'Account' || event.startsWith('Account')) return ['crm'];
  return [];
}

/** The alert kind implied by an invoice's current status (for hooks such as `InvoiceChangeStatus`). */
export function alertKindFromStatus(status: string | null): BillingAlertKind | null {
  switch (status) {
    case 'paid':
      return 'invoice_paid';
    case 'cancelled':
      return 'invoice_cancelled';
    case 'refunded':
      return 'invoice_refunded';
    case 'overdue':
      return 'invoice_overdue';
    default:
      return null;
  }
}

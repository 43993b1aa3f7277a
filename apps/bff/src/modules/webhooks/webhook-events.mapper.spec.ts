import {
  alertKindFromStatus,
  salesforceEventBlocks,
  whmcsBillingAlertKind,
  whmcsEventBlocks,
} from './webhook-events.mapper';

describe('webhook event mapping', () => {
  it.each([
    ['InvoicePaid', ['billing']],
    ['InvoiceCreated', ['billing']],
    ['InvoiceCancelled', ['billing']],
    ['InvoiceRefunded', ['billing']],
    ['AddInvoicePayment', ['billing']],
    ['InvoiceChangeStatus', ['billing']],
    ['ClientEdit', ['profile']],
    ['AfterModuleSuspend', ['subscriptions', 'usage']],
    ['AfterModuleCreate', ['subscriptions', 'usage']],
    ['TicketOpen', ['cases']],
    ['TicketUserReply', ['cases']],
    ['DailyCronJob', []],
  ])('WHMCS %s touches %j', (event, blocks) => {
    expect(whmcsEventBlocks(event)).toEqual(blocks);
  });

  it('names the billing alert of invoice hooks', () => {
    expect(whmcsBillingAlertKind('InvoicePaid')).toBe('invoice_paid');
    expect(whmcsBillingAlertKind('AddInvoicePayment')).toBe('payment_added');
    expect(whmcsBillingAlertKind('InvoiceChangeStatus')).toBeNull();
    expect(whmcsBillingAlertKind('ClientEdit')).toBeNull();
    expect(alertKindFromStatus('overdue')).toBe('invoice_overdue');
    expect(alertKindFromStatus('unpaid')).toBeNull();
  });

  it('maps Salesforce changes by sObject', () => {
    expect(salesforceEventBlocks('CaseChanged', 'Case')).toEqual(['cases']);
    expect(salesforceEventBlocks('AccountChanged', 'Account')).toEqual(['crm']);
    expect(salesforceEventBlocks('OpportunityChanged', 'Opportunity')).toEqual([]);
  });
});

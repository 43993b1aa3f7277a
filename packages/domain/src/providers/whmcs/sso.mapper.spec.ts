import { whmcsSsoTokenSchema } from './raw.schema';
import { parseWhmcsResponse } from './response.mapper';
import { isExistingCancellationMessage, toSsoTokenParams, toWhmcsCancellationType } from './sso.mapper';
import { WhmcsApiError } from './whmcs.exception';

describe('CreateSsoToken and AddCancelRequest helpers', () => {
  it('sends an invoice to its pay page and payment methods to billing info', () => {
    expect(toSsoTokenParams({ kind: 'invoice', invoiceId: '1007' })).toEqual({
      destination: 'sso:custom_redirect',
      sso_redirect_path: 'viewinvoice.php?id=1007',
    });
    expect(toSsoTokenParams({ kind: 'payment_methods' })).toEqual({ destination: 'clientarea:billing_info' });
    expect(() => toSsoTokenParams({ kind: 'invoice', invoiceId: '1&x=2' })).toThrow();
  });

  it('parses the token answer and surfaces a refusal as an API error', () => {
    const ok = parseWhmcsResponse(whmcsSsoTokenSchema, {
      result: 'success',
      access_token: 'abc',
      redirect_url: 'https://billing.example/oauth/singlesignon.php?access_token=abc',
    });
    expect(ok.redirect_url).toContain('access_token=abc');
    expect(() =>
      parseWhmcsResponse(whmcsSsoTokenSchema, { result: 'error', message: 'Client ID Not Found' }),
    ).toThrow(WhmcsApiError);
    expect(() =>
      parseWhmcsResponse(whmcsSsoTokenSchema, {
        result: 'success',
        access_token: 'abc',
        redirect_url: 'not a url',
      }),
    ).toThrow();
  });

  it('names the cancellation types as WHMCS does and recognises a duplicate request', () => {
    expect(toWhmcsCancellationType('immediate')).toBe('Immediate');
    expect(toWhmcsCancellationType('end_of_billing_period')).toBe('End of Billing Period');
    expect(isExistingCancellationMessage('Existing Cancellation Request Exists')).toBe(true);
    expect(isExistingCancellationMessage('Service ID Not Found')).toBe(false);
  });
});

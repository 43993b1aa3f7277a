import type { CustomerProfile, CustomerStatus } from '../../accounts/account.schema';
import { currencyCodeSchema, type CurrencyCode } from '../../common/money.schema';
import type { WhmcsClientRaw, WhmcsClientsDetailsRaw } from './raw.schema';
import { WhmcsSchemaError } from './whmcs.exception';
import { decodeHtmlEntities, decodeOptionalText, whmcsDateOnly } from './wire-values.mapper';

/** The client record: the `client` object, falling back to the deprecated flat top-level copy. */
function clientOf(raw: WhmcsClientsDetailsRaw): WhmcsClientRaw {
  return raw.client ?? raw;
}

const STATUSES: Readonly<Record<string, CustomerStatus>> = {
  active: 'active',
  inactive: 'inactive',
  closed: 'closed',
};

/**
 * The client's billing currency as an ISO 4217 code.
 * Source: `client.currency_code` (or top-level `currency_code`); WHMCS's `currency` is a table id, not a code.
 * @throws {WhmcsSchemaError} when no valid currency code is present.
 */
export function whmcsClientCurrency(raw: WhmcsClientsDetailsRaw): CurrencyCode {
  const code = (raw.client?.currency_code ?? raw.currency_code ?? '').toUpperCase();
  const parsed = currencyCodeSchema.safeParse(code);
  if (!parsed.success) {
    throw new WhmcsSchemaError(
      'unexpected WHMCS payload: client.currency_code: missing or not an ISO 4217 code',
      [{ path: 'client.currency_code', message: 'missing or not an ISO 4217 code' }],
    );
  }
  return parsed.data;
}

/**
 * Maps `GetClientsDetails` to the customer's billing profile.
 * - `companyName` <- `client.companyname` (null when blank)
 * - `contactName` <- `client.fullname`, else `firstname lastname`
 * - `email` <- `client.email`
 * - `phone` <- `client.phonenumberformatted`, else `client.phonenumber`
 * - `address.line1/line2/city/region/postalCode/country` <- `address1`, `address2`, `city`, `fullstate`|`state`,
 *   `postcode`, `countrycode`|`country`
 * - `currency` <- `currency_code` (see {@link whmcsClientCurrency})
 * - `status` <- `client.status` (`Active`/`Inactive`/`Closed`, anything else `unknown`)
 * - `customerSince` <- `client.datecreated` (null when absent or `0000-00-00`)
 * @throws {WhmcsSchemaError} when the currency code is missing.
 */
export function toCustomerProfile(raw: WhmcsClientsDetailsRaw): CustomerProfile {
  const c = clientOf(raw);
  const fullName = c.fullname ?? [c.firstname, c.lastname].filter((p): p is string => p !== null).join(' ');
  return {
    companyName: decodeOptionalText(c.companyname),
    contactName: decodeHtmlEntities(fullName),
    email: c.email ?? '',
    phone: c.phonenumberformatted ?? c.phonenumber ?? null,
    address: {
      line1: decodeOptionalText(c.address1),
      line2: decodeOptionalText(c.address2),
      city: decodeOptionalText(c.city),
      region: decodeOptionalText(c.fullstate ?? c.state),
      postalCode: c.postcode ?? null,
      country: c.countrycode ?? c.country ?? null,
    },
    currency: whmcsClientCurrency(raw),
    status: STATUSES[(c.status ?? '').toLowerCase()] ?? 'unknown',
    customerSince: whmcsDateOnly(c.datecreated ?? raw.datecreated ?? null),
  };
}

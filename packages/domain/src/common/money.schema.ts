import { z } from 'zod';
import { currencyExponent } from './currency';

/** ISO 4217 alphabetic currency code, upper case (e.g. `USD`). */
export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code of three upper-case letters');
export type CurrencyCode = z.infer<typeof currencyCodeSchema>;

/**
 * An amount of money.
 * - `amountMinor`: integer amount in the currency's minor units (cents for USD, pence for GBP, yen for JPY).
 * - `currency`: ISO 4217 code.
 */
export const moneySchema = z.object({
  amountMinor: z.number().int(),
  currency: currencyCodeSchema,
});
export type Money = z.infer<typeof moneySchema>;

/**
 * Parses a decimal amount as upstreams write it (`"12.50"`, `"1,234.5"`, `12.5`, `"-3.00"`) into minor units,
 * exactly (no binary floating point on the way).
 * @throws Error when the text is not a decimal number.
 */
export function decimalToMinor(value: string | number, currency: string): number {
  const exponent = currencyExponent(currency);
  const text = (typeof value === 'number' ? value.toFixed(Math.max(exponent, 6)) : value)
    .trim()
    .replace(/,/g, '');
  const match = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new Error(`not a decimal amount: "${String(value)}"`);
  }
  const sign = match[1] === '-' ? -1 : 1;
  const whole = match[2] === '' ? '0' : (match[2] as string);
  const fraction = match[3] ?? '';
  const padded = (fraction + '0'.repeat(exponent + 1)).slice(0, exponent + 1);
  // Round half away from zero on the first dropped digit.
  const kept = BigInt(whole) * 10n ** BigInt(exponent) + BigInt(padded.slice(0, exponent) || '0');
  const roundUp = Number(padded.charAt(exponent)) >= 5 ? 1n : 0n;
  return sign * Number(kept + roundUp);
}

/** Builds a {@link Money} from a decimal amount (see {@link decimalToMinor}). */
export function moneyFromDecimal(value: string | number, currency: string): Money {
  const code = currency.toUpperCase();
  return { amountMinor: decimalToMinor(value, code), currency: code };
}

/** Formats minor units back to a decimal string, e.g. `1234, 'USD'` gives `"12.34"`. */
export function minorToDecimal(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(amountMinor);
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

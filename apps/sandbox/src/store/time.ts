/** Date helpers; the simulated WHMCS server runs in UTC. */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD` (UTC) of a date. */
export function ymd(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** WHMCS server-local `YYYY-MM-DD HH:MM:SS` (the sandbox's server clock is UTC). */
export function whmcsDateTime(date: Date): string {
  return `${ymd(date)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** Salesforce date-time format: `2026-01-05T10:00:00.000+0000`. */
export function sfDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 23)}+0000`;
}

/** `date` plus `days` (negative to go back), keeping the time of day. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** Formats integer minor units (cents) as WHMCS writes money: `"12.50"`, `"-3.00"`. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${pad(abs % 100)}`;
}

/**
 * Parses a decimal amount from a request (`"12.5"`, `12.50`) into cents.
 * @returns null when it is not a decimal number.
 */
export function decimalToCents(value: string | number): number | null {
  const text = String(value).trim();
  const m = /^(-)?(\d+)(?:\.(\d{0,2})\d*)?$/.exec(text);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

import { TZDate } from '@date-fns/tz';
/*
 * Small conversions shared by the WHMCS mappers.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  euro: '€',
  pound: '£',
  copy: '©',
  reg: '®',
};

/**
 * Decodes the HTML entities WHMCS leaves in stored text (`&amp;`, `&#039;`, `&#x27;`, `&quot;` ...):
 * WHMCS runs its input through `htmlspecialchars` before storing it, so names and descriptions come back encoded.
 */
export function decodeHtmlEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, body: string) => {
    if (!body.startsWith('#')) return NAMED_ENTITIES[body.toLowerCase()] ?? match;
    const hex = body[1] === 'x' || body[1] === 'X';
    const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

/** {@link decodeHtmlEntities} for optional WHMCS text: null and absent stay null. */
export function decodeOptionalText(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : decodeHtmlEntities(value);
}

/** Bytes in one WHMCS "MB" (WHMCS and the control panels it reads usage from count in MiB). */
export const BYTES_PER_MB = 1024 * 1024;

/** MB (decimal text) -> bytes, rounded to an integer. */
export function mbToBytes(mb: string): number {
  return Math.round(Number(mb) * BYTES_PER_MB);
}

/**
 * Converts a WHMCS server-local `YYYY-MM-DD HH:MM:SS` (or `YYYY-MM-DD`) to an ISO 8601 UTC timestamp.
 * WHMCS writes date-times in its server's zone and does not say which: `serverTimeZone` is that IANA zone
 * (`WHMCS_TIMEZONE`, e.g. `Europe/Berlin`; default `UTC`), daylight saving included (the `@date-fns/tz` zone rules).
 * A local time that does not exist (the hour skipped in spring) moves forward like the zone's clocks do.
 * @returns null when the input is null or not a valid date (e.g. `2026-02-31`)
 * @throws RangeError when `serverTimeZone` is not a known IANA zone
 */
export function whmcsLocalToIso(value: string | null, serverTimeZone = 'UTC'): string | null {
  if (value === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  // Reject roll-overs such as 2026-02-31.
  if (new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDate() !== Number(d)) return null;
  const local = new TZDate(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    serverTimeZone,
  );
  const ms = local.getTime();
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Whether `zone` is an IANA time zone this runtime knows (for validating `WHMCS_TIMEZONE`). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The `YYYY-MM-DD` part of a WHMCS date, null when absent or invalid. */
export function whmcsDateOnly(value: string | null): string | null {
  if (value === null) return null;
  const day = value.slice(0, 10);
  return whmcsLocalToIso(day) === null ? null : day;
}

/** Lower-cases and strips everything but letters and digits: `Semi-Annually` -> `semiannually`. */
export function normaliseKey(value: string | null | undefined): string {
  return (value ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

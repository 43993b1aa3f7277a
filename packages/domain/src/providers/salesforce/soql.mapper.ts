/**
 * Quotes a value as a SOQL string literal: wraps it in single quotes and escapes the characters the SOQL reference
 * ("Quoted String Escape Sequences") lists: backslash, single and double quote, newline, carriage return, tab,
 * backspace and form feed. Use it for every value put into a WHERE clause.
 */
export function soqlQuote(value: string): string {
  const escaped = value.replace(/[\\'"\n\r\t\b\f]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case "'":
        return "\\'";
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '\b':
        return '\\b';
      default:
        return '\\f';
    }
  });
  return `'${escaped}'`;
}

/** A 15 (case-sensitive) or 18 (case-insensitive) character alphanumeric Salesforce id, the whole string. */
export const SALESFORCE_ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** True for a Salesforce id (see {@link SALESFORCE_ID_PATTERN}). */
export function isSalesforceId(value: string): boolean {
  return SALESFORCE_ID_PATTERN.test(value);
}

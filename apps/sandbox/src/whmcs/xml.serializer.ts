/**
 * Renders a WHMCS answer as XML (WHMCS's default when `responsetype` is not `json`): `<whmcsapi>` with one element per
 * key; a list under a singular key (`invoices.invoice[]`) repeats that element.
 */
export function toWhmcsXml(body: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<whmcsapi version="8.13.1">\n${renderChildren(body, 1)}</whmcsapi>\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function tagName(key: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(key) ? key : `item key="${escapeXml(key)}"`;
}

function renderChildren(obj: Record<string, unknown>, depth: number): string {
  const pad = '  '.repeat(depth);
  let out = '';
  for (const [key, value] of Object.entries(obj)) {
    const tag = tagName(key);
    const close = tag.split(' ')[0] ?? tag;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v !== null && typeof v === 'object') {
        out += `${pad}<${tag}>\n${renderChildren(v as Record<string, unknown>, depth + 1)}${pad}</${close}>\n`;
      } else {
        const text =
          v === null || v === undefined
            ? ''
            : typeof v === 'boolean'
              ? v
                ? '1'
                : '0'
              : String(v as string | number);
        out += `${pad}<${tag}>${escapeXml(text)}</${close}>\n`;
      }
    }
  }
  return out;
}

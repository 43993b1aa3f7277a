import type { MetricDefinition, UsageAlertFiring, UsageUnit } from '@portico/domain';
import type { OutgoingMail } from '../../../core/mail/mail.port';

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** A value in `unit` as people read it: bytes in powers of 1024 (`4.1 GB`), seconds as hours, others with separators. */
export function formatUsageValue(value: number, unit: UsageUnit): string {
  if (unit === 'bytes') {
    let v = value;
    let i = 0;
    while (Math.abs(v) >= 1024 && i < BYTE_UNITS.length - 1) {
      v /= 1024;
      i += 1;
    }
    return `${v.toFixed(v >= 100 || i === 0 ? 0 : 1)} ${BYTE_UNITS[i]}`;
  }
  if (unit === 'seconds') return value >= 3600 ? `${(value / 3600).toFixed(1)} h` : `${Math.round(value)} s`;
  return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Subject, text and HTML of a usage alert mail. */
export function usageAlertMail(input: {
  accountName: string;
  metric: MetricDefinition;
  serviceName: string | null;
  firing: UsageAlertFiring;
  link: string;
}): Omit<OutgoingMail, 'to'> {
  const { metric, firing } = input;
  const what = input.serviceName ? `${metric.label} of ${input.serviceName}` : metric.label;
  const value = formatUsageValue(firing.value, metric.unit);
  const line =
    firing.threshold.type === 'percent' && firing.limit !== null
      ? `${firing.threshold.value}% of the limit (${formatUsageValue(firing.limit, metric.unit)})`
      : formatUsageValue(firing.threshold.value, metric.unit);
  const period = metric.kind === 'counter' ? ' this billing period' : '';
  const subject = `Usage alert: ${what} reached ${line} on ${input.accountName}`;
  const text = [
    `${what} on ${input.accountName} is at ${value}${period}, past your alert at ${line}.`,
    '',
    `See the usage: ${input.link}`,
    '',
    'You get this mail because you manage usage alerts of this account in Portico.',
  ].join('\n');
  const html =
    `<p>${escapeHtml(what)} on <strong>${escapeHtml(input.accountName)}</strong> is at <strong>${escapeHtml(value)}</strong>${period}, ` +
    `past your alert at ${escapeHtml(line)}.</p><p><a href="${escapeHtml(input.link)}">See the usage</a></p>` +
    '<p>You get this mail because you manage usage alerts of this account in Portico.</p>';
  return { subject, text, html };
}

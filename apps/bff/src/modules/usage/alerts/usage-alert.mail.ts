import type { Locale, MetricDefinition, UsageAlertFiring, UsageUnit } from '@portico/domain';
import type { OutgoingMail } from '../../../core/mail/mail.port';
import { escapeHtml, mailTranslator } from '../../../core/mail/i18n/mail-translator';

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/**
 * A value in `unit` as people read it, numbers in the mail's language: bytes in powers of 1024 (`4.1 GB`, `4,1 GB`),
 * seconds as hours, others with separators (`12,345 requests`, `12.345 requests`).
 */
export function formatUsageValue(value: number, unit: UsageUnit, locale?: Locale | null): string {
  const t = mailTranslator(locale);
  if (unit === 'bytes') {
    let v = value;
    let i = 0;
    while (Math.abs(v) >= 1024 && i < BYTE_UNITS.length - 1) {
      v /= 1024;
      i += 1;
    }
    return `${t.number(v, v >= 100 || i === 0 ? 0 : 1)} ${BYTE_UNITS[i]}`;
  }
  if (unit === 'seconds') return value >= 3600 ? `${t.number(value / 3600, 1)} h` : `${t.number(value, 0)} s`;
  return `${t.number(value, 0)} ${unit}`;
}

/** Subject, text and HTML of a usage alert mail, in `locale` (the recipient's saved language; English by default). */
export function usageAlertMail(input: {
  accountName: string;
  metric: MetricDefinition;
  /** The service's name, or its id when the name is unknown; null for an account-wide alert. */
  service: { name: string | null; id: string } | null;
  firing: UsageAlertFiring;
  link: string;
  locale?: Locale | null;
}): Omit<OutgoingMail, 'to'> {
  const { metric, firing, locale } = input;
  const t = mailTranslator(locale);
  const service = input.service
    ? (input.service.name ?? t.text('usageAlert.service', { id: input.service.id }))
    : null;
  const what = service ? t.text('usageAlert.whatOfService', { metric: metric.label, service }) : metric.label;
  const value = formatUsageValue(firing.value, metric.unit, locale);
  const line =
    firing.threshold.type === 'percent' && firing.limit !== null
      ? t.text('usageAlert.percentLine', {
          percent: t.percent(firing.threshold.value / 100, 2),
          limit: formatUsageValue(firing.limit, metric.unit, locale),
        })
      : formatUsageValue(firing.threshold.value, metric.unit, locale);
  const values = {
    what,
    line,
    value,
    account: input.accountName,
    counter: metric.kind === 'counter' ? 'yes' : 'no',
  };
  const subject = t.text('usageAlert.subject', values);
  const text = [
    t.text('usageAlert.body', values),
    '',
    t.text('usageAlert.seeText', { link: input.link }),
    '',
    t.text('usageAlert.footer'),
  ].join('\n');
  const html =
    `<p>${t.html('usageAlert.body', values)}</p>` +
    `<p><a href="${escapeHtml(input.link)}">${t.html('usageAlert.seeLink')}</a></p>` +
    `<p>${t.html('usageAlert.footer')}</p>`;
  return { subject, text, html };
}

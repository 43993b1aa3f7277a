import type { MetricDefinition, UsageAlertFiring } from '@portico/domain';
import { formatUsageValue, usageAlertMail } from './usage-alert.mail';

const disk = {
  key: 'disk',
  label: 'Disk space',
  unit: 'bytes',
  kind: 'gauge',
} as unknown as MetricDefinition;
const requests = {
  key: 'requests',
  label: 'Requests',
  unit: 'requests',
  kind: 'counter',
} as unknown as MetricDefinition;

const firing = (overrides: Partial<UsageAlertFiring>): UsageAlertFiring =>
  ({
    id: 'f1',
    ruleId: 'r1',
    metric: 'disk',
    service: '7',
    threshold: { type: 'percent', value: 90 },
    value: 46.6 * 1024 ** 3,
    limit: 50 * 1024 ** 3,
    firedAt: '2026-11-21T10:00:00.000Z',
    ...overrides,
  }) as UsageAlertFiring;

describe('usageAlertMail', () => {
  it('writes the alert in English by default', () => {
    const mail = usageAlertMail({
      accountName: 'Acme',
      metric: disk,
      service: { id: '7', name: 'Business Hosting' },
      firing: firing({}),
      link: 'https://portal.example/acme/usage?metric=disk',
    });
    expect(mail.subject).toBe(
      'Usage alert: Disk space of Business Hosting reached 90% of the limit (50 GB) on Acme',
    );
    expect(mail.text).toContain(
      'Disk space of Business Hosting on Acme is at 46.6 GB, past your alert at 90% of the limit (50 GB).',
    );
    expect(mail.html).toContain('<strong>Acme</strong>');
  });

  it('writes it in German for a recipient who chose German, numbers included', () => {
    const mail = usageAlertMail({
      accountName: 'Acme & Co',
      metric: requests,
      service: { id: '7', name: null },
      firing: firing({
        metric: 'requests',
        threshold: { type: 'absolute', value: 10_000 },
        value: 12_345,
        limit: null,
      }),
      link: 'https://portal.example/acme/usage?metric=requests',
      locale: 'de',
    });
    expect(mail.subject).toBe(
      'Nutzungsalarm: Requests von Dienst 7 hat 10.000 requests bei Acme & Co erreicht',
    );
    expect(mail.text).toContain(
      'Requests von Dienst 7 bei Acme & Co liegt in diesem Abrechnungszeitraum bei 12.345 requests und damit über Ihrem Alarm bei 10.000 requests.',
    );
    expect(mail.text).toContain('Nutzung ansehen: https://portal.example/acme/usage?metric=requests');
    expect(mail.html).toContain('<strong>Acme &amp; Co</strong>');
  });

  it('formats values with the separators of the language', () => {
    expect(formatUsageValue(1536 * 1024 ** 2, 'bytes', 'de')).toBe('1,5 GB');
    expect(formatUsageValue(1536 * 1024 ** 2, 'bytes')).toBe('1.5 GB');
    expect(formatUsageValue(5400, 'seconds', 'de')).toBe('1,5 h');
  });
});

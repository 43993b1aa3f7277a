import { notificationMessageSchema, notificationOf, notificationText } from './notification-content';

describe('notification content', () => {
  const alert = {
    kind: 'usage_alert' as const,
    label: 'Bandwidth',
    unit: 'bytes' as const,
    value: 4.5 * 1024 ** 3,
    threshold: 4 * 1024 ** 3,
    service: '12',
  };

  it('writes a usage alert in either language, numbers formatted for it', () => {
    expect(notificationText(alert, 'en')).toEqual({
      title: 'Bandwidth reached 4.5 GB',
      body: 'Bandwidth (service 12) crossed the alert threshold of 4 GB.',
    });
    expect(notificationText({ ...alert, service: null }, 'de')).toEqual({
      title: 'Bandwidth hat 4,5 GB erreicht',
      body: 'Bandwidth hat die Alarmschwelle von 4 GB überschritten.',
    });
  });

  it('stores the English text with the message, which reads back through the schema', () => {
    const stored = notificationOf(alert, 'usage_alert:f1', 'usage?metric=bandwidth');
    expect(stored.title).toBe('Bandwidth reached 4.5 GB');
    expect(notificationMessageSchema.parse(JSON.parse(JSON.stringify(stored.message)))).toEqual(alert);
    expect(notificationMessageSchema.safeParse({ kind: 'usage_alert', label: 'x' }).success).toBe(false);
  });
});

import type { Domain, Invoice, PaymentMethod } from '@portico/domain';
import {
  cardExpiringNotification,
  domainExpiringNotification,
  invoiceOverdueNotification,
  notificationText,
  type NotificationMessage,
} from './notification-content';
import { notificationMail } from './notification.mail';

const invoice = {
  id: '1007',
  number: 'INV-1007',
  balance: { amountMinor: 123456, currency: 'EUR' },
  dueOn: '2026-11-21',
  lastCaptureAttemptAt: null,
} as unknown as Invoice;

describe('notification texts', () => {
  it('stores the English text, and keeps what it says as data for the emails', () => {
    const n = invoiceOverdueNotification(invoice);
    expect(n).toMatchObject({
      kind: 'invoice_overdue',
      dedupKey: 'invoice_overdue:1007',
      link: 'billing/1007',
      title: 'Invoice #INV-1007 is overdue',
      body: '€1,234.56 was due on November 21, 2026. Pay it now to keep your services running.',
      message: { kind: 'invoice_overdue', number: 'INV-1007', dueOn: '2026-11-21' },
    });
  });

  it('renders each kind in German', () => {
    const overdue = invoiceOverdueNotification(invoice).message as NotificationMessage;
    expect(notificationText(overdue, 'de')).toEqual({
      title: 'Rechnung Nr. INV-1007 ist überfällig',
      body: '1.234,56\u00a0€ waren am 21. November 2026 fällig. Bezahlen Sie jetzt, damit Ihre Dienste weiterlaufen.',
    });
    const card = cardExpiringNotification(
      {
        id: 'pm1',
        cardBrand: 'Visa',
        lastFour: '4242',
        expired: false,
        expiryMonth: '2026-03',
      } as PaymentMethod,
      '2026-04-01',
    ).message as NotificationMessage;
    expect(notificationText(card, 'de').title).toBe('Visa mit Endziffern 4242 läuft im März 2026 ab');
    expect(notificationText(card, 'de').body).toContain('nachdem diese Karte abgelaufen ist');
    const domain = domainExpiringNotification({
      id: 'd1',
      name: 'acme.example',
      expiresOn: null,
      autoRenew: false,
    } as unknown as Domain).message as NotificationMessage;
    expect(notificationText(domain, 'de')).toEqual({
      title: 'acme.example läuft bald ab',
      body: 'Die automatische Verlängerung ist aus: Verlängern Sie die Domain vorher, sonst funktioniert sie nicht mehr.',
    });
  });
});

describe('notificationMail', () => {
  const input = {
    accountName: 'Acme <Hosting>',
    title: 'Rechnung Nr. INV-1007 ist überfällig',
    body: 'Bitte bezahlen.',
    link: 'https://portal.example/acme/billing/1007',
    settings: 'https://portal.example/acme/settings',
    kind: 'invoice_overdue' as const,
  };

  it('writes the frame of the mail in the recipient’s language', () => {
    const mail = notificationMail({ ...input, locale: 'de' });
    expect(mail.subject).toBe('Acme <Hosting>: Rechnung Nr. INV-1007 ist überfällig');
    expect(mail.text).toContain('Öffnen: https://portal.example/acme/billing/1007');
    expect(mail.text).toContain(
      'Sie erhalten diese E-Mail, weil E-Mails zu „Überfällige Rechnungen“ für Acme <Hosting> eingeschaltet sind. Ändern: https://portal.example/acme/settings',
    );
    expect(mail.html).toContain('für Acme &lt;Hosting&gt; eingeschaltet sind.');
    expect(mail.html).toContain('>E-Mail-Einstellungen ändern</a>');
  });

  it('stays English without a saved language', () => {
    const mail = notificationMail(input);
    expect(mail.text).toContain('Open it: https://portal.example/acme/billing/1007');
    expect(mail.text).toContain('You get this because “Overdue invoices” emails are on for Acme <Hosting>.');
  });
});

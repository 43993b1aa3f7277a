import type { Locale, NotificationKind } from '@portico/domain';
import type { OutgoingMail } from '../../core/mail/mail.port';
import { escapeHtml, mailTranslator } from '../../core/mail/i18n/mail-translator';

/**
 * Subject, text and HTML of a notification email: the notification, a link to its page and to the email settings,
 * in `locale` (the recipient's saved language; English by default). `title` and `body` come already in that language.
 */
export function notificationMail(input: {
  accountName: string;
  title: string;
  body: string;
  link: string;
  settings: string;
  kind: NotificationKind;
  locale?: Locale | null;
}): Omit<OutgoingMail, 'to'> {
  const t = mailTranslator(input.locale);
  const why = { kind: t.text(`notification.kind.${input.kind}`), account: input.accountName };
  const subject = t.text('notification.subject', { account: input.accountName, title: input.title });
  const unsubscribe = `${t.text('notification.why', why)} ${t.text('notification.changeText', { link: input.settings })}`;
  const text = [
    input.title,
    '',
    input.body,
    '',
    t.text('notification.openText', { link: input.link }),
    '',
    unsubscribe,
  ].join('\n');
  const html =
    `<p><strong>${escapeHtml(input.title)}</strong></p><p>${escapeHtml(input.body)}</p>` +
    `<p><a href="${escapeHtml(input.link)}">${t.html('notification.openLink')}</a></p>` +
    `<p style="color:#667">${t.html('notification.why', why)} ` +
    `<a href="${escapeHtml(input.settings)}">${t.html('notification.changeLink')}</a>.</p>`;
  return { subject, text, html };
}

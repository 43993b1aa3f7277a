import type { NotificationKind } from '@portico/domain';
import type { OutgoingMail } from '../../core/mail/mail.port';
import { NOTIFICATION_KIND_LABELS } from './notification-content';

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Subject, text and HTML of a notification email: the notification, a link to its page and to the email settings. */
export function notificationMail(input: {
  accountName: string;
  title: string;
  body: string;
  link: string;
  settings: string;
  kind: NotificationKind;
}): Omit<OutgoingMail, 'to'> {
  const subject = `${input.accountName}: ${input.title}`;
  const unsubscribe = `You get this because "${NOTIFICATION_KIND_LABELS[input.kind]}" emails are on for ${input.accountName}. Change it: ${input.settings}`;
  const text = [input.title, '', input.body, '', `Open it: ${input.link}`, '', unsubscribe].join('\n');
  const html =
    `<p><strong>${escapeHtml(input.title)}</strong></p><p>${escapeHtml(input.body)}</p>` +
    `<p><a href="${escapeHtml(input.link)}">Open it in the portal</a></p>` +
    `<p style="color:#667">You get this because “${escapeHtml(NOTIFICATION_KIND_LABELS[input.kind])}” emails are on for ${escapeHtml(input.accountName)}. ` +
    `<a href="${escapeHtml(input.settings)}">Change your email settings</a>.</p>`;
  return { subject, text, html };
}

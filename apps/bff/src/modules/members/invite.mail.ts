import type { Locale, Role } from '@portico/domain';
import type { OutgoingMail } from '../../core/mail/mail.port';
import { escapeHtml, mailTranslator } from '../../core/mail/i18n/mail-translator';

/**
 * Subject, text and HTML of an invite email carrying `link` (`${PORTAL_ORIGIN}/invite/<token>`), in `locale` (the
 * invited person's saved language when they already have a sign-in; English otherwise).
 */
export function inviteMail(input: {
  accountName: string;
  invitedBy: string | null;
  role: Role;
  link: string;
  expiresAt: Date;
  locale?: Locale | null;
}): Omit<OutgoingMail, 'to'> {
  const t = mailTranslator(input.locale);
  const who = input.invitedBy ?? t.text('invite.anAdministrator');
  const values = {
    who,
    account: input.accountName,
    role: t.text(`roles.${input.role}`),
    expires: t.dateTimeUtc(input.expiresAt),
  };
  const subject = t.text('invite.subject', values);
  const text = [
    t.text('invite.intro', values),
    '',
    t.text('invite.acceptText', { link: input.link }),
    '',
    t.text('invite.expiry', values),
  ].join('\n');
  const html =
    `<p>${t.html('invite.intro', values)}</p>` +
    `<p><a href="${escapeHtml(input.link)}">${t.html('invite.acceptLink')}</a></p>` +
    `<p>${t.html('invite.expiry', values)}</p>`;
  return { subject, text, html };
}

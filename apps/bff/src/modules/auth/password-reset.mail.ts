import type { Locale } from '@portico/domain';
import type { OutgoingMail } from '../../core/mail/mail.port';
import { escapeHtml, mailTranslator } from '../../core/mail/i18n/mail-translator';

/**
 * Subject, text and HTML of the password reset email carrying `link` (valid `minutes`), in the user's saved language
 * (English when none is saved).
 */
export function passwordResetMail(input: {
  link: string;
  minutes: number;
  locale?: Locale | null;
}): Omit<OutgoingMail, 'to'> {
  const t = mailTranslator(input.locale);
  const minutes = { minutes: input.minutes };
  const text = [
    t.text('passwordReset.intro'),
    '',
    t.text('passwordReset.openWithin', minutes),
    input.link,
    '',
    `${t.text('passwordReset.worksOnce')} ${t.text('passwordReset.ignore')}`,
  ].join('\n');
  const html =
    `<p>${t.html('passwordReset.intro')}</p>` +
    `<p><a href="${escapeHtml(input.link)}">${t.html('passwordReset.chooseLink')}</a> ${t.html('passwordReset.chooseHint', minutes)}</p>` +
    `<p>${t.html('passwordReset.ignore')}</p>`;
  return { subject: t.text('passwordReset.subject'), text, html };
}

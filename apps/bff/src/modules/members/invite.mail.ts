import type { OutgoingMail } from '../../core/mail/mail.port';
import type { Role } from '@portico/domain';

const ROLE_LABEL: Readonly<Record<Role, string>> = {
  owner: 'Owner',
  admin: 'Admin',
  billing: 'Billing',
  technical: 'Technical',
  viewer: 'Viewer',
};

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Subject, text and HTML of an invite email carrying `link` (`${PORTAL_ORIGIN}/invite/<token>`). */
export function inviteMail(input: {
  accountName: string;
  invitedBy: string | null;
  role: Role;
  link: string;
  expiresAt: Date;
}): Omit<OutgoingMail, 'to'> {
  const who = input.invitedBy ?? 'An administrator';
  const expires = input.expiresAt.toUTCString();
  const subject = `${who} invited you to ${input.accountName} on Portico`;
  const text = [
    `${who} invited you to join ${input.accountName} on Portico as ${ROLE_LABEL[input.role]}.`,
    '',
    `Accept the invite: ${input.link}`,
    '',
    `The link works once and expires on ${expires}. If you did not expect this email, ignore it.`,
  ].join('\n');
  const html =
    `<p>${escapeHtml(who)} invited you to join <strong>${escapeHtml(input.accountName)}</strong> on Portico as ` +
    `${ROLE_LABEL[input.role]}.</p><p><a href="${escapeHtml(input.link)}">Accept the invite</a></p>` +
    `<p>The link works once and expires on ${escapeHtml(expires)}. If you did not expect this email, ignore it.</p>`;
  return { subject, text, html };
}

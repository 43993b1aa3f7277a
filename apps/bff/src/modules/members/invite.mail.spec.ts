import { inviteMail } from './invite.mail';

const input = {
  accountName: 'Acme Hosting',
  invitedBy: 'Olive Owner',
  role: 'technical' as const,
  link: 'https://portal.example/invite/abc',
  expiresAt: new Date('2026-12-09T15:00:00.000Z'),
};

describe('inviteMail', () => {
  it('is English by default', () => {
    const mail = inviteMail(input);
    expect(mail.subject).toBe('Olive Owner invited you to Acme Hosting on Portico');
    expect(mail.text).toContain('Olive Owner invited you to join Acme Hosting on Portico as Technical.');
    expect(mail.text).toContain('Accept the invite: https://portal.example/invite/abc');
    expect(mail.text).toContain('expires on December 9, 2026 at 3:00 PM UTC');
  });

  it('is German for a person who chose German', () => {
    const mail = inviteMail({ ...input, invitedBy: null, locale: 'de' });
    expect(mail.subject).toBe('Ein Administrator hat Sie zu Acme Hosting auf Portico eingeladen');
    expect(mail.text).toContain('mit der Rolle Technik beizutreten.');
    expect(mail.text).toContain('Einladung annehmen: https://portal.example/invite/abc');
    expect(mail.text).toContain('läuft am 9. Dezember 2026 um 15:00 UTC ab');
    expect(mail.html).toContain('<strong>Acme Hosting</strong>');
    expect(mail.html).toContain('<a href="https://portal.example/invite/abc">Einladung annehmen</a>');
  });
});

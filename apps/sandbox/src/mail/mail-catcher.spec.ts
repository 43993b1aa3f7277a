import { createTransport } from 'nodemailer';
import { buildSandbox } from '../sandbox.app';

describe('SMTP catcher', () => {
  const sandbox = buildSandbox();
  let port = 0;

  beforeAll(async () => {
    port = await sandbox.mail.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await sandbox.app.close();
  });

  it('catches mail sent over SMTP and lists it newest first, filtered by recipient', async () => {
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'Portico <no-reply@portico.test>',
      to: 'Ann@Example.com',
      subject: 'First',
      text: 'one',
    });
    await transport.sendMail({
      from: 'no-reply@portico.test',
      to: 'bob@example.com',
      subject: 'Second',
      text: 'two',
      html: '<p>two</p>',
    });
    transport.close();

    const all = await sandbox.app.inject({ method: 'GET', url: '/__admin/mail.json' });
    const messages = all.json<{
      messages: { subject: string; to: string[]; html: string | null; text: string }[];
    }>().messages;
    expect(messages.map((m) => m.subject)).toEqual(['Second', 'First']);
    expect(messages[0]?.html).toContain('<p>two</p>');

    const ann = await sandbox.app.inject({ method: 'GET', url: '/__admin/mail.json?to=ann@example.com' });
    const annMessages = ann.json<{ messages: { subject: string; to: string[]; text: string }[] }>().messages;
    expect(annMessages).toHaveLength(1);
    expect(annMessages[0]).toMatchObject({ subject: 'First', to: ['ann@example.com'] });
    expect(annMessages[0]?.text.trim()).toBe('one');

    const page = await sandbox.app.inject({ method: 'GET', url: '/__admin/mail' });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Caught mail (2)');

    expect((await sandbox.app.inject({ method: 'DELETE', url: '/__admin/mail' })).statusCode).toBe(204);
    expect(sandbox.mail.list()).toEqual([]);
  });

  it('escapes subjects and bodies on the page', async () => {
    await sandbox.mail.accept('Subject: <script>x</script>\r\n\r\n<b>hi</b>\r\n', {
      from: 'a@b.c',
      to: ['c@d.e'],
    });
    const page = await sandbox.app.inject({ method: 'GET', url: '/__admin/mail' });
    expect(page.body).not.toContain('<script>x</script>');
    expect(page.body).toContain('&#60;script&#62;');
  });
});

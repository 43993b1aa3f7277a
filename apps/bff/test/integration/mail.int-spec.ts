import { MailPort } from '../../src/core/mail';
import { createTestApp, type TestApp } from '../support/test-app';
import { TEST_ENV } from '../support/test-state';

interface CaughtMail {
  subject: string;
  to: string[];
  text: string;
  html: string | null;
}

const sandboxUrl = process.env[TEST_ENV.sandboxUrl];
const describeWithSandbox = sandboxUrl ? describe : describe.skip;

describeWithSandbox('MailPort over SMTP (sandbox catcher)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('delivers a message to the SMTP catcher with its subject, recipient and both bodies', async () => {
    const to = `mail-${Date.now()}@example.test`;
    await app.app
      .get(MailPort)
      .send({ to, subject: 'Welcome to Portico', text: 'Plain body', html: '<p>HTML body</p>' });

    const response = await fetch(`${sandboxUrl}/__admin/mail.json?to=${encodeURIComponent(to)}`);
    const { messages } = (await response.json()) as { messages: CaughtMail[] };
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ subject: 'Welcome to Portico', to: [to] });
    expect(messages[0]?.text.trim()).toBe('Plain body');
    expect(messages[0]?.html).toContain('<p>HTML body</p>');
  });

  it('rejects when the SMTP server cannot be reached', async () => {
    const other = await createTestApp({ SMTP_URL: 'smtp://127.0.0.1:1', SMTP_TIMEOUT_MS: 500 });
    try {
      await expect(
        other.app.get(MailPort).send({ to: 'x@example.test', subject: 's', text: 't' }),
      ).rejects.toThrow();
    } finally {
      await other.close();
    }
  });
});

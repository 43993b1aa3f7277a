import { TEST_ENV } from './test-state';

/** One message caught by the sandbox's SMTP catcher (`GET /__admin/mail.json?to=`). */
export interface CaughtMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  receivedAt: string;
}

function sandboxUrl(): string {
  const url = process.env[TEST_ENV.sandboxUrl];
  if (!url) throw new Error('the mail catcher needs the sandbox (build apps/sandbox)');
  return url;
}

/** Every message caught for `to`, newest first. */
export async function mailTo(to: string): Promise<CaughtMail[]> {
  const res = await fetch(`${sandboxUrl()}/__admin/mail.json?to=${encodeURIComponent(to)}`);
  if (!res.ok) throw new Error(`mail catcher answered ${res.status}`);
  return ((await res.json()) as { messages: CaughtMail[] }).messages;
}

/**
 * Waits until at least `count` messages for `to` were caught (polling every 100 ms, up to 10 s) and returns the
 * newest.
 */
export async function waitForMail(to: string, count = 1): Promise<CaughtMail> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const messages = await mailTo(to);
    if (messages.length >= count && messages[0]) return messages[0];
    if (Date.now() > deadline) throw new Error(`no mail #${count} for ${to} within 10 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The invite token of the `/invite/<token>` link in a caught message. */
export function inviteTokenOf(mail: CaughtMail): string {
  const match = /\/invite\/([^\s"<>]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error(`no invite link in "${mail.subject}"`);
  return decodeURIComponent(match[1]);
}

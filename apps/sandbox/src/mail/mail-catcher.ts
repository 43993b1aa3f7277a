import { randomUUID } from 'node:crypto';
import PostalMime, { type Address } from 'postal-mime';
import { SMTPServer } from 'smtp-server';

/** One message caught by the {@link MailCatcher}. */
export interface CaughtMail {
  id: string;
  /** Envelope sender (`MAIL FROM`). */
  from: string;
  /** Envelope recipients (`RCPT TO`), lower-cased. */
  to: string[];
  subject: string;
  text: string;
  /** HTML body, or null for text-only mail. */
  html: string | null;
  /** ISO 8601 UTC time the message was received. */
  receivedAt: string;
}

/** Most messages kept; older ones are dropped first. */
const MAX_MESSAGES = 500;

function addresses(value: Address | Address[] | undefined): string[] {
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((a) =>
    'group' in a && a.group ? a.group.map((m) => m.address) : [a.address ?? ''],
  );
}

/**
 * A local SMTP server that accepts every message (no auth, no TLS) and keeps it in memory, so mail sent by the
 * BFF (invites, password resets) can be read on the sandbox's `/__admin/mail` page and by tests. Never delivers.
 */
export class MailCatcher {
  private readonly messages: CaughtMail[] = [];
  private server: SMTPServer | undefined;

  /** Caught messages, newest first; only those sent to `to` (case-insensitive) when given. */
  list(to?: string): CaughtMail[] {
    const wanted = to?.trim().toLowerCase();
    const newestFirst = [...this.messages].reverse();
    return wanted ? newestFirst.filter((m) => m.to.includes(wanted)) : newestFirst;
  }

  /** Forgets every caught message. */
  clear(): void {
    this.messages.length = 0;
  }

  /** Parses a raw RFC 5322 message and keeps it (also used by tests without SMTP). */
  async accept(raw: Buffer | string, envelope: { from: string; to: string[] }): Promise<CaughtMail> {
    const parsed = await PostalMime.parse(raw);
    const to = envelope.to.length > 0 ? envelope.to : addresses(parsed.to);
    const mail: CaughtMail = {
      id: randomUUID(),
      from: envelope.from || (addresses(parsed.from)[0] ?? ''),
      to: to.map((a) => a.toLowerCase()).filter((a) => a.length > 0),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: parsed.html ?? null,
      receivedAt: new Date().toISOString(),
    };
    this.messages.push(mail);
    if (this.messages.length > MAX_MESSAGES) this.messages.splice(0, this.messages.length - MAX_MESSAGES);
    return mail;
  }

  /**
   * Starts the SMTP listener.
   * @returns the bound port (useful with port 0)
   * @throws Error when the port cannot be bound
   */
  async listen(port: number, host: string): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      size: 5 * 1024 * 1024,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          };
          this.accept(Buffer.concat(chunks), envelope).then(
            () => callback(),
            (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
          );
        });
      },
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.server.address();
    return typeof address === 'object' && address !== null ? address.port : port;
  }

  /** Stops the SMTP listener (no-op when not listening). */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { maskEmail } from '../logging/mask-email';
import { MailPort, type OutgoingMail } from './mail.port';

/** Connection and sender settings of {@link SmtpMailAdapter}. */
export interface SmtpMailOptions {
  /** `smtp://[user:pass@]host:port` or `smtps://...` (nodemailer connection URL). */
  url: string;
  /** `From` header, e.g. `Portico <no-reply@example.com>`. */
  from: string;
  /** Connection, greeting and socket timeout, ms. */
  timeoutMs: number;
}

/** {@link MailPort} over SMTP with nodemailer (pooled connections). Logs the masked recipient, never the body. */
export class SmtpMailAdapter extends MailPort implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpMailOptions) {
    super();
    this.transport = createTransport({
      url: options.url,
      pool: true,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    this.logger.log({ to: maskEmail(mail.to), subject: mail.subject }, 'mail sent');
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}

import { Global, Module } from '@nestjs/common';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';
import { MailPort } from './mail.port';
import { SmtpMailAdapter } from './smtp-mail.adapter';

/** Global module providing {@link MailPort} over `SMTP_URL` (the sandbox's SMTP catcher by default). */
@Global()
@Module({
  providers: [
    {
      provide: MailPort,
      inject: [ENV],
      useFactory: (env: Env): MailPort =>
        new SmtpMailAdapter({ url: env.SMTP_URL, from: env.MAIL_FROM, timeoutMs: env.SMTP_TIMEOUT_MS }),
    },
  ],
  exports: [MailPort],
})
export class MailModule {}

export { MailModule } from './mail.module';
export { MailPort, type OutgoingMail } from './mail.port';
export { SmtpMailAdapter, type SmtpMailOptions } from './smtp-mail.adapter';

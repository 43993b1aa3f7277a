/** One email to send. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends email (nodemailer over SMTP_URL). */
export abstract class MailPort {
  abstract send(mail: OutgoingMail): Promise<void>;
}

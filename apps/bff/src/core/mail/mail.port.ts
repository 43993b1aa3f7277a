/** One outgoing email. Bodies may carry single-use links; never log them. */
export interface OutgoingMail {
  /** Recipient address. */
  to: string;
  subject: string;
  /** Plain-text body (always sent). */
  text: string;
  /** Optional HTML alternative. */
  html?: string;
}

/**
 * Sends transactional email (invites, password resets). Implemented by {@link SmtpMailAdapter} over nodemailer;
 * the embedded default points it at the sandbox's SMTP catcher.
 */
export abstract class MailPort {
  /**
   * Hands the message to the mail server.
   * @throws Error when the server refuses it or cannot be reached (callers decide whether that fails the request)
   */
  abstract send(mail: OutgoingMail): Promise<void>;
}

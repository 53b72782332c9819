/**
 * Mail through SMTP (nodemailer). Without SMTP_URL the site still works: messages go to
 * the log instead (the link in a reset message included), which is what a local install needs.
 */
import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from '../../services/ports.js';

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message: MailMessage) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
  };
}

/** Writes messages to a log function; used when no SMTP server is configured. */
export function logMailer(log: (line: string) => void): Mailer {
  return {
    send(message: MailMessage) {
      log(`mail to ${message.to}: ${message.subject}\n${message.text}`);
      return Promise.resolve();
    },
  };
}

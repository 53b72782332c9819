/**
 * Mail through SMTP (nodemailer). Without SMTP_URL the site still works: messages go to the
 * log instead — with every link cut to its origin, because links in mail carry secrets (a
 * password-reset link is a live credential for two hours) and logs are read, shipped and kept
 * by more people than the recipient. To follow such a link locally, point SMTP_URL at a
 * local mail catcher.
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
        ...(message.headers ? { headers: message.headers } : {}),
      });
    },
  };
}

/** Matches a URL in plain text (up to whitespace or a closing bracket or quote). */
const urlPattern = /\bhttps?:\/\/[^\s<>"')\]]+/gi;

/**
 * `text` with every URL replaced by its origin and `/[link redacted]`, and how many there
 * were. Whatever follows the origin (path, query, fragment) may be a token, so none of it is
 * kept; a string that only looks like a URL is cut the same way.
 */
export function redactLinks(text: string): { text: string; links: number } {
  let links = 0;
  const redacted = text.replace(urlPattern, (url) => {
    links += 1;
    const origin = URL.canParse(url) ? new URL(url).origin : '';
    return `${origin === 'null' ? '' : origin}/[link redacted]`;
  });
  return { text: redacted, links };
}

/**
 * Writes messages to a log function; used when no SMTP server is configured. Links are
 * redacted (see redactLinks): the log says a reset link was sent, never the token in it.
 */
export function logMailer(log: (line: string) => void): Mailer {
  return {
    send(message: MailMessage) {
      const { text, links } = redactLinks(message.text);
      const note =
        links === 0
          ? ''
          : `\n(${links} ${links === 1 ? 'link' : 'links'} redacted: links in mail may carry secret tokens. Set SMTP_URL to deliver mail.)`;
      log(`mail to ${message.to}: ${message.subject}\n${text}${note}`);
      return Promise.resolve();
    },
  };
}

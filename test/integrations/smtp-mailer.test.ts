/**
 * The SMTP mailer adapter against a real SMTP server (smtp-server) on a local port: what the
 * server receives is what the service asked to send, and a refusal reaches the caller.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/integrations/mail/smtp-mailer.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** Splits a raw message into unfolded headers (lower-case names) and the body. */
function parse(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`)
    .replace(/%(?![0-9A-F]{2})/gi, '%25');
  return decodeURIComponent(bytes);
}

/** The text body, undoing the transfer encoding nodemailer chose. */
function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'base64')
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

describe('smtpMailer', () => {
  const received: Received[] = [];
  let refuseRecipients = false;
  let server: SMTPServer;
  let url: string;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (refuseRecipients) callback(new Error('No such mailbox here'));
        else callback();
      },
      onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const envelopeFrom = session.envelope.mailFrom;
          received.push({
            from: envelopeFrom ? envelopeFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    url = `smtp://127.0.0.1:${port}?ignoreTLS=true`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    received.length = 0;
    refuseRecipients = false;
  });

  it('hands the message to the server with recipient, sender, subject and body', async () => {
    const mailer = smtpMailer(url, 'Polyphony <noreply@polyphony.example>');
    await mailer.send({
      to: 'ana@example.org',
      subject: 'Polyphony: reset your password',
      text: 'Hello Ana,\n\nOpen this link: http://localhost:3000/password/reset/abc123\n',
    });
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.from).toBe('noreply@polyphony.example');
    expect(mail.to).toEqual(['ana@example.org']);
    const { headers, body } = parse(mail.raw);
    expect(headers.get('to')).toBe('ana@example.org');
    expect(headers.get('from')).toBe('Polyphony <noreply@polyphony.example>');
    expect(headers.get('subject')).toBe('Polyphony: reset your password');
    const text = decodeBody(headers, body);
    expect(text).toContain('Hello Ana,');
    expect(text).toContain('http://localhost:3000/password/reset/abc123');
  });

  it('keeps non-Latin subjects and bodies intact', async () => {
    const mailer = smtpMailer(url, 'noreply@polyphony.example');
    await mailer.send({
      to: 'milica@example.org',
      subject: 'Polyphony: ресетујте лозинку',
      text: 'Здраво Милица,\nمرحبا بالعالم\n',
    });
    expect(received).toHaveLength(1);
    const { headers, body } = parse(received[0]!.raw);
    expect(decodeWords(headers.get('subject') ?? '')).toBe('Polyphony: ресетујте лозинку');
    const text = decodeBody(headers, body);
    expect(text).toContain('Здраво Милица,');
    expect(text).toContain('مرحبا بالعالم');
  });

  it('sends the HTML alternative when there is one', async () => {
    const mailer = smtpMailer(url, 'noreply@polyphony.example');
    await mailer.send({
      to: 'juma@example.org',
      subject: 'Both parts',
      text: 'Plain version',
      html: '<p>HTML version</p>',
    });
    const { headers, body } = parse(received[0]!.raw);
    expect(headers.get('content-type')).toMatch(/^multipart\/alternative/);
    expect(body).toContain('Plain version');
    expect(body).toContain('<p>HTML version</p>');
  });

  it('rejects when the server refuses the recipient', async () => {
    refuseRecipients = true;
    const mailer = smtpMailer(url, 'noreply@polyphony.example');
    await expect(
      mailer.send({ to: 'nobody@example.org', subject: 'x', text: 'y' }),
    ).rejects.toThrow(/No such mailbox here/);
    expect(received).toHaveLength(0);
  });
});

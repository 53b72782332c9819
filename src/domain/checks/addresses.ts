/**
 * Web addresses and e-mail addresses must reach the translation unchanged: a reader follows
 * them as they are. (Links made with the editor's codes keep their address in the code; this
 * is about addresses written in the text.)
 */
import { finding } from './messages.js';
import { PLACEHOLDER } from './text.js';
import type { Finding } from './types.js';

const URL_PATTERN = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"«»“”„‘’「」『』（）、。，！？]+/giu;
const EMAIL_PATTERN = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Punctuation that ends the sentence rather than the address (`see https://x.org.`). */
const TRAILING = /[.,;:!?…'"»”’\]}]/u;

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** An address without the sentence punctuation after it; `)` kept when it closes the address's own `(`. */
function trimAddress(raw: string): string {
  let text = raw;
  for (;;) {
    const last = text.at(-1) ?? '';
    if (last === ')' && count(text, '(') >= count(text, ')')) return text;
    if (last !== ')' && !TRAILING.test(last)) return text;
    text = text.slice(0, -1);
  }
}

/** The web and e-mail addresses written in a text, in order. */
export function addressesIn(text: string): { urls: string[]; emails: string[] } {
  const urls = [...text.matchAll(URL_PATTERN)].map((m) => trimAddress(m[0]));
  let rest = text;
  for (const url of urls) rest = rest.replace(url, PLACEHOLDER);
  const emails = [...rest.matchAll(EMAIL_PATTERN)].map((m) => m[0].replace(/\.+$/, ''));
  return { urls, emails };
}

/** `text` with every address replaced by U+FFFC (so its digits are not read as numbers). */
export function withoutAddresses(text: string): string {
  const { urls, emails } = addressesIn(text);
  let rest = text;
  for (const address of [...urls, ...emails]) rest = rest.split(address).join(PLACEHOLDER);
  return rest;
}

/** `urls.missing` / `emails.missing` for each address of the source not found in the target. */
export function checkAddresses(source: string, target: string): Finding[] {
  const findings: Finding[] = [];
  const { urls, emails } = addressesIn(source);
  for (const url of new Set(urls)) {
    if (!target.includes(url)) findings.push(finding('urls.missing', { url }));
  }
  for (const email of new Set(emails)) {
    if (!target.includes(email)) findings.push(finding('emails.missing', { email }));
  }
  return findings;
}

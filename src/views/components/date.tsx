/** Dates and times as <time> elements, formatted with CLDR (Intl) in a given language. */
import type { Translator } from '../../i18n/translator.js';

const dateFormats = new Map<string, Intl.DateTimeFormat | null>();

function dateFormat(lang: string): Intl.DateTimeFormat | null {
  let format = dateFormats.get(lang);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
    } catch {
      format = null; // an unknown locale keeps the ISO date
    }
    dateFormats.set(lang, format);
  }
  return format;
}

/** A <time> element formatted in the page language. */
export function DateTime({ iso, lang }: { iso: string | null; lang: string }) {
  if (!iso) return null;
  const format = dateFormat(lang);
  return <time dateTime={iso}>{format ? format.format(new Date(iso)) : iso.slice(0, 10)}</time>;
}

const stampFormats = new Map<string, Intl.DateTimeFormat>();

/** Date and time (UTC, with the zone named) in the interface language, for editors' tables. */
export function formatTimestamp(iso: string, lang: string): string {
  let format = stampFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
      timeZone: 'UTC',
    });
    stampFormats.set(lang, format);
  }
  try {
    return format.format(new Date(iso));
  } catch {
    return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  }
}

/** A <time> with date and time in the interface language (`t.lang`). */
export function Timestamp({ iso, t }: { iso: string; t: Translator }) {
  return <time dateTime={iso}>{formatTimestamp(iso, t.lang)}</time>;
}

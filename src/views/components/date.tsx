/** Dates and times as <time> elements, formatted with CLDR (Intl) in a given language. */
import type { Translator } from '../../i18n/translator.js';

/** A <time> element formatted in the page language. */
export function DateTime({ iso, lang }: { iso: string | null; lang: string }) {
  if (!iso) return null;
  let text = iso.slice(0, 10);
  try {
    text = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(iso),
    );
  } catch {
    // keep the ISO date for an unknown locale
  }
  return <time dateTime={iso}>{text}</time>;
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

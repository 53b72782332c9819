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

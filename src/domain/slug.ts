/**
 * URL slugs that keep every script readable: letters and digits of any script survive
 * (NFC-normalized, lower-cased), everything else becomes a hyphen. `Čestitke Srbiji!` →
 * `čestitke-srbiji`; `مرحبا بالعالم` → `مرحبا-بالعالم`.
 */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .normalize('NFC')
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const chars = [...slug];
  if (chars.length <= maxLength) return slug;
  const cut = chars.slice(0, maxLength).join('');
  // Cut between words when the slug has any (`…organizar-edita` reads worse than `…organizar`);
  // a single long word is cut where it must be.
  const boundary = chars[maxLength] === '-' ? cut.length : cut.lastIndexOf('-');
  return (boundary > 0 ? cut.slice(0, boundary) : cut).replace(/-+$/, '');
}

/** True when `slug` is already in the form slugify produces and is non-empty. */
export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slugify(slug) === slug;
}

/**
 * A rendered post body in the reader's interface language. The content format renders the
 * interface texts of its directives (video placeholders, attachment sizes) in English, each
 * element marked with `data-l10n` (the message under `embed.`) and `data-l10n-args` (JSON):
 * the HTML stays one per revision (memoized, rendered off the event loop, used by feeds), and
 * the page says those texts with the request's translator — which knows the site's fallbacks
 * and approved interface overrides, as the renderer cannot.
 *
 * Only our own marked leaf elements are rewritten (their text is replaced, escaped), so post
 * text is never touched; an unknown message or unreadable arguments keep the English text.
 */
import type { Translator } from '../../i18n/translator.js';

const MARKED =
  /<(p|a|span)(\s[^>]*?\sdata-l10n="(meta|play|playFrom|notice|attachment)"[^>]*)>([^<]*)<\/\1>/g;
const ARGS = /\sdata-l10n-args="([^"]*)"/;

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** Intl formatters are costly to make (tens of microseconds): one per language, unit and digits. */
const sizeFormats = new Map<string, Intl.NumberFormat>();
const MAX_SIZE_FORMATS = 1000;

/** "2.4 MB", "٢٫٤ م.بايت": decimal (SI) units, one decimal below 10, in the interface language. */
export function formatSize(t: Translator, bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit > 0 && value < 9.95 ? 1 : 0;
  const key = `${t.lang} ${unit} ${digits}`;
  let format = sizeFormats.get(key);
  if (!format) {
    if (sizeFormats.size >= MAX_SIZE_FORMATS) sizeFormats.clear();
    format = new Intl.NumberFormat(t.lang, {
      style: 'unit',
      unit: UNITS[unit],
      unitDisplay: unit === 0 ? 'long' : 'short',
      maximumFractionDigits: digits,
    });
    sizeFormats.set(key, format);
  }
  return format.format(value);
}

function unescapeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x22;/gi, '"')
    .replace(/&#x27;/gi, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function argsOf(attributes: string): Record<string, unknown> | null {
  const raw = ARGS.exec(attributes)?.[1];
  if (raw === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(unescapeAttribute(raw));
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The body with every marked interface text said by `t`. */
export function localizeBody(html: string, t: Translator): string {
  if (!html.includes('data-l10n=')) return html;
  return html.replace(MARKED, (whole, tag: string, attributes: string, message: string) => {
    const args = argsOf(attributes);
    if (args === null) return whole;
    let said: string;
    switch (message) {
      case 'meta':
        said = t.t('embed.meta', { provider: text(args.provider), start: text(args.start) });
        break;
      case 'play':
        said = t.t('embed.play');
        break;
      case 'playFrom':
        said = t.t('embed.playFrom', { start: text(args.start) });
        break;
      case 'notice':
        said = t.t('embed.notice', { source: text(args.source) });
        break;
      case 'attachment': {
        const bytes = typeof args.bytes === 'number' ? args.bytes : null;
        if (bytes === null) return whole;
        said = t.t('embed.attachment', { type: text(args.type), size: formatSize(t, bytes) });
        break;
      }
      default:
        return whole;
    }
    // Said in the interface language, inside content that has its own: mark it.
    const marks = /\slang="/.test(attributes) ? '' : ` lang="${t.lang}" dir="${t.dir}"`;
    return `<${tag}${attributes}${marks}>${escapeText(said)}</${tag}>`;
  });
}

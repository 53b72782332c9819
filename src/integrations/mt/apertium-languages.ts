/**
 * BCP 47 tags ↔ Apertium's language codes. APy names pairs with ISO 639-3 codes and variants
 * (`eng`, `spa`, `cat_valencia`, `hbs_SR`, `eng_US`): a site's `es` is Apertium's `spa`, and
 * Serbian, Croatian and Bosnian are all `hbs` (Serbo-Croatian), with `hbs_SR`, `hbs_HR` and
 * `hbs_BS` for each standard's vocabulary.
 *
 * Script: Apertium's hbs dictionaries are written in Latin letters. As a source, Serbian in
 * Cyrillic is converted to Latin first (the mapping is one-to-one: serbianLatin below). As a
 * target, a Cyrillic Serbian (`sr`, whose default script is Cyrillic, and `sr-Cyrl`) is NOT
 * offered: Latin → Cyrillic is ambiguous at the digraphs (nadživeti is надживети, not
 * наџивети; injekcija is инјекција), no maintained library does it, and a suggestion in the
 * wrong script is worse than none. `sr-Latn`, `hr`, `bs` and `sh` targets are offered.
 */

/** ISO 639-1 → ISO 639-3 for the languages Debian packages Apertium pairs of. */
const ALPHA3: Record<string, string> = {
  af: 'afr',
  an: 'arg',
  be: 'bel',
  bg: 'bul',
  br: 'bre',
  ca: 'cat',
  da: 'dan',
  de: 'deu',
  en: 'eng',
  eo: 'epo',
  es: 'spa',
  eu: 'eus',
  fr: 'fra',
  gl: 'glg',
  hi: 'hin',
  id: 'ind',
  is: 'isl',
  it: 'ita',
  mk: 'mkd',
  ms: 'zlm',
  nb: 'nob',
  nl: 'nld',
  nn: 'nno',
  no: 'nor',
  oc: 'oci',
  pl: 'pol',
  pt: 'por',
  ro: 'ron',
  ru: 'rus',
  sc: 'srd',
  sl: 'slv',
  sv: 'swe',
  uk: 'ukr',
  ur: 'urd',
};

/** The Serbo-Croatian standards and the variant Apertium names for each. */
const HBS_VARIANT: Record<string, string> = { sr: 'hbs_SR', hr: 'hbs_HR', bs: 'hbs_BS', sh: 'hbs' };

interface Parsed {
  language: string;
  script: string | undefined;
  region: string | undefined;
  variants: string[];
}

function parse(tag: string): Parsed | null {
  try {
    const locale = new Intl.Locale(tag);
    const variants = tag
      .toLowerCase()
      .split('-')
      .slice(1)
      .filter((part) => part.length >= 5 || /^\d[a-z\d]{3}$/.test(part));
    return {
      language: locale.language,
      script: locale.maximize().script,
      region: locale.region,
      variants,
    };
  } catch {
    return null;
  }
}

function baseCode(language: string): string | null {
  if (Object.hasOwn(HBS_VARIANT, language)) return 'hbs';
  if (Object.hasOwn(ALPHA3, language)) return ALPHA3[language] ?? null;
  return /^[a-z]{3}$/.test(language) ? language : null;
}

/**
 * Apertium's code for a source language (`es` → `spa`, `sr-Cyrl` → `hbs`), or null when it has
 * none. Pairs are named by the base code on the source side.
 */
export function apertiumSource(tag: string): string | null {
  const parsed = parse(tag);
  return parsed ? baseCode(parsed.language) : null;
}

/** True when text in `tag` must be converted from Serbian Cyrillic to Latin for Apertium. */
export function needsLatinSerbian(tag: string): boolean {
  const parsed = parse(tag);
  return parsed !== null && Object.hasOwn(HBS_VARIANT, parsed.language);
}

/**
 * Apertium's codes for a target language, most specific first (`en-US` → `eng_US`, `eng`;
 * `ca-ES-valencia` → `cat_valencia`, `cat`; `hr` → `hbs_HR`, `hbs`); empty when Apertium's
 * output could not be right (Serbian in Cyrillic, see above) or the language is unknown.
 */
export function apertiumTargets(tag: string): string[] {
  const parsed = parse(tag);
  if (!parsed) return [];
  const base = baseCode(parsed.language);
  if (base === null) return [];
  if (base === 'hbs') {
    if (parsed.script !== 'Latn') return [];
    const variant = HBS_VARIANT[parsed.language] ?? 'hbs';
    return variant === 'hbs' ? ['hbs'] : [variant, 'hbs'];
  }
  const specific = [
    ...parsed.variants.map((v) => `${base}_${v}`),
    ...(parsed.region ? [`${base}_${parsed.region}`] : []),
  ];
  return [...specific, base];
}

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  ђ: 'đ',
  е: 'e',
  ж: 'ž',
  з: 'z',
  и: 'i',
  ј: 'j',
  к: 'k',
  л: 'l',
  љ: 'lj',
  м: 'm',
  н: 'n',
  њ: 'nj',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  ћ: 'ć',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'c',
  ч: 'č',
  џ: 'dž',
  ш: 'š',
};

/**
 * Serbian Cyrillic → Gaj's Latin alphabet, letter by letter (the official correspondence is
 * one-to-one). A capital digraph letter is `Lj`/`Nj`/`Dž`, or `LJ`/`NJ`/`DŽ` inside a word in
 * capitals. Anything that is not Serbian Cyrillic is kept.
 */
export function serbianLatin(text: string): string {
  const chars = [...text];
  return chars
    .map((char, index) => {
      const lower = char.toLowerCase();
      const latin = CYRILLIC_TO_LATIN[lower];
      if (latin === undefined) return char;
      if (lower === char) return latin;
      const neighbour = chars[index + 1] ?? chars[index - 1] ?? '';
      const inCapitals =
        latin.length > 1 &&
        neighbour !== '' &&
        neighbour === neighbour.toUpperCase() &&
        neighbour !== neighbour.toLowerCase();
      if (inCapitals) return latin.toUpperCase();
      return latin.charAt(0).toUpperCase() + latin.slice(1);
    })
    .join('');
}

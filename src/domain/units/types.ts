/**
 * The public shapes of the unit model: what a revision's document is split into, how a unit's
 * text is written, and how a rendering of a translation is described. See README.md.
 */
import type { Root } from 'mdast';

/** Every kind of block or field a unit can come from. */
export const unitKinds = [
  'title',
  'excerpt',
  'paragraph',
  'heading',
  'listItem',
  'tableCell',
  'blockquote',
  'caption',
  'alt',
  'embedTitle',
] as const;

/** What kind of block or field a unit comes from; drives the editor's hints and length checks. */
export type UnitKind = (typeof unitKinds)[number];

/** True for a stored kind this version knows (rows from the database are plain strings). */
export function isUnitKind(value: string): value is UnitKind {
  return (unitKinds as readonly string[]).includes(value);
}

/** One inline code of a unit, as the editor shows it. */
export interface CodeInfo {
  /** `pc` wraps translatable text (links, emphasis…); `ph` stands alone (inline code, breaks…). */
  kind: 'pc' | 'ph';
  /**
   * The mdast node type the code stands for (`link`, `strong`, `inlineCode`, `break`…), for
   * icons and MT tag protection. Always set by extractUnits; optional so that codes stored before
   * it existed still type-check.
   */
  type?: string;
  /**
   * Short human label for the editor chip, e.g. "link → https://example.org", "bold", "italic",
   * "code: npm test", "line break", "image: Nairobi".
   */
  label: string;
}

/** One translatable piece of a revision: a block's inline content or a text field. */
export interface SourceUnit {
  /**
   * Where the unit is in this revision: 'title', 'excerpt', or a path of child indexes into the
   * body like 'b.3', 'b.4.1.0', with '@alt' / '@title' for attributes ('b.7@alt'). Stable for a
   * given document; identity across revisions is done elsewhere (alignment).
   */
  path: string;
  kind: UnitKind;
  /**
   * Tagged string: plain text with `<pc id="1">…</pc>` and `<ph id="2"/>`. In text, `&`, `<`
   * and `>` are escaped as `&amp;`, `&lt;`, `&gt;`. Ids are per unit, "1", "2"… in document order.
   */
  text: string;
  /** Every code id used in `text`, with what it stands for. */
  codes: Record<string, CodeInfo>;
}

/** What is segmented: a post revision's title, excerpt and body. */
export interface PostDocument {
  title: string;
  excerpt: string;
  body: Root;
}

/** How one unit is shown in a rendered translation. */
export interface UnitRendering {
  /** The tagged text to show; null keeps the source. */
  text: string | null;
  /** Language of what is shown (BCP 47), written as `lang` on the block. */
  lang?: string;
  /** Direction of what is shown, written as `dir` on the block. */
  dir?: 'ltr' | 'rtl';
  /** True when the text shown is an outdated translation (class `translation-outdated`). */
  outdated?: boolean;
}

/** Why a translator's text cannot be saved. */
export interface TargetProblem {
  code:
    | 'empty'
    | 'missing_code'
    | 'duplicate_code'
    | 'unknown_code'
    | 'bad_nesting'
    | 'malformed'
    | 'markup';
  /** The code the problem is about, when there is one. */
  codeId?: string;
  /** A sentence for the translator that names the code, e.g. `The link "…" (code 1) is missing`. */
  message: string;
}

/** A parsed tagged string: text, paired codes with their content, standalone codes. */
export type TaggedNode =
  | { type: 'text'; value: string }
  | { type: 'pc'; id: string; children: TaggedNode[] }
  | { type: 'ph'; id: string };

/**
 * Aligning an imported translation (a Polylang/WPML copy of a post in another language) onto
 * the source post's units: which translated unit translates which source unit, with its tagged
 * text rewritten to the source's code ids. See README.md, "Aligning an imported translation
 * (cross-align.ts)". Pure and deterministic; never throws.
 */
import { checkTarget } from './check.js';
import { parseTagged, plainText, serializeTagged } from './tagged.js';
import type { CodeInfo, SourceUnit, TaggedNode } from './types.js';

/** The result of aligning a translated post's units onto the source's. */
export interface CrossAlignment {
  /** Source unit path → the translated unit's tagged text, rewritten to the source's code ids. */
  pairs: { sourcePath: string; translationPath: string; text: string }[];
  /** Source paths no translated unit could be aligned to. */
  unalignedSource: string[];
  /** Translated unit paths left over (kept in the reference text by the caller). */
  unalignedTranslation: string[];
}

/** Above this many source × translation units, body units pair in order within each kind. */
export const CROSS_ALIGN_MAX_CELLS = 4_000_000;

/** What a unit offers for scoring, computed once per unit. */
interface Features {
  unit: SourceUnit;
  length: number;
  codeTypes: string;
  urls: Set<string>;
  numbers: Set<string>;
  names: Set<string>;
}

const NUMBER = /\d+(?:[.,\u00a0\u202f]\d+)*/g;
const NAME = /\p{Lu}[\p{L}\p{M}'’-]+/gu;

function codeType(info: CodeInfo | undefined): string {
  if (info === undefined) return '?';
  if (info.type !== undefined) return info.type;
  return info.label.startsWith('link → ') ? 'link' : (info.label.split(':')[0] ?? info.label);
}

function linkUrl(info: CodeInfo | undefined): string | undefined {
  const match = /^link → (.*)$/s.exec(info?.label ?? '');
  return match?.[1];
}

/** Code ids in order of appearance (a pc's opening tag before its content). */
function codeOrder(nodes: TaggedNode[], out: string[] = []): string[] {
  for (const node of nodes) {
    if (node.type === 'text') continue;
    out.push(node.id);
    if (node.type === 'pc') codeOrder(node.children, out);
  }
  return out;
}

function safeParse(text: string): TaggedNode[] | undefined {
  try {
    return parseTagged(text);
  } catch {
    return undefined;
  }
}

function features(unit: SourceUnit): Features {
  const plain = plainText(unit.text);
  const nodes = safeParse(unit.text);
  const ids = nodes === undefined ? Object.keys(unit.codes) : codeOrder(nodes);
  const urls = new Set<string>();
  for (const info of Object.values(unit.codes)) {
    const url = linkUrl(info);
    if (url !== undefined) urls.add(url);
  }
  return {
    unit,
    length: plain.trim().length,
    codeTypes: ids
      .map((id) => `${unit.codes[id]?.kind ?? '?'}:${codeType(unit.codes[id])}`)
      .join(','),
    urls,
    // 50,000 and 50.000 (or 3.5 and 3,5) are one number written the ways of two languages.
    numbers: new Set((plain.match(NUMBER) ?? []).map((n) => n.replace(/\D/g, ''))),
    names: new Set(plain.match(NAME) ?? []),
  };
}

function shared(a: Set<string>, b: Set<string>): number {
  let count = 0;
  for (const value of a) if (b.has(value)) count += 1;
  return count;
}

/**
 * Score of pairing a source unit with a translated one; 0 or less means "never pair".
 * Same kind 3, same code-type sequence 1 (2 when there are codes), each shared link URL 3,
 * each shared number 2, each shared capitalised word 2, length ratio in 0.33–3 +1 else −1.
 * A kind mismatch without any anchor (URL, number, name) is refused.
 */
function score(s: Features, t: Features): number {
  const anchors =
    3 * shared(s.urls, t.urls) + 2 * shared(s.numbers, t.numbers) + 2 * shared(s.names, t.names);
  const sameKind = s.unit.kind === t.unit.kind;
  if (!sameKind && anchors === 0) return 0;
  let total = anchors + (sameKind ? 3 : -2);
  if (s.codeTypes === t.codeTypes) total += s.codeTypes === '' ? 1 : 2;
  const ratio = s.length === 0 ? (t.length === 0 ? 1 : Infinity) : t.length / s.length;
  total += ratio >= 0.33 && ratio <= 3 ? 1 : -1;
  return total;
}

/** Order-preserving alignment maximising the sum of pair scores (gaps score 0). */
function alignBody(source: Features[], translation: Features[]): [number, number][] {
  const n = source.length;
  const m = translation.length;
  const width = m + 1;
  // 0 = pair (diagonal), 1 = skip source, 2 = skip translation.
  const move = new Uint8Array((n + 1) * width);
  let previous = new Float64Array(width);
  let current = new Float64Array(width);
  for (let j = 1; j <= m; j++) move[j] = 2;
  for (let i = 1; i <= n; i++) {
    current[0] = 0;
    move[i * width] = 1;
    const s = source[i - 1];
    for (let j = 1; j <= m; j++) {
      const t = translation[j - 1];
      const pair = s === undefined || t === undefined ? 0 : score(s, t);
      let best = previous[j] ?? 0;
      let step = 1;
      const left = current[j - 1] ?? 0;
      if (left > best) {
        best = left;
        step = 2;
      }
      if (pair > 0) {
        const diagonal = (previous[j - 1] ?? 0) + pair;
        if (diagonal >= best) {
          best = diagonal;
          step = 0;
        }
      }
      current[j] = best;
      move[i * width + j] = step;
    }
    [previous, current] = [current, previous];
  }
  const pairs: [number, number][] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const step = move[i * width + j];
    if (step === 0) {
      pairs.push([i - 1, j - 1]);
      i -= 1;
      j -= 1;
    } else if (step === 1) i -= 1;
    else j -= 1;
  }
  return pairs.reverse();
}

/** The fallback for huge posts: the k-th unit of a kind pairs with the k-th of that kind. */
function pairWithinKind(source: SourceUnit[], translation: SourceUnit[]): [number, number][] {
  const byKind = new Map<string, number[]>();
  translation.forEach((unit, index) => {
    const list = byKind.get(unit.kind) ?? [];
    list.push(index);
    byKind.set(unit.kind, list);
  });
  const taken = new Map<string, number>();
  const pairs: [number, number][] = [];
  source.forEach((unit, index) => {
    const k = taken.get(unit.kind) ?? 0;
    const match = byKind.get(unit.kind)?.[k];
    if (match !== undefined) {
      pairs.push([index, match]);
      taken.set(unit.kind, k + 1);
    }
  });
  return pairs;
}

function renumberNodes(nodes: TaggedNode[], ids: Map<string, string>): TaggedNode[] {
  return nodes.map((node): TaggedNode => {
    if (node.type === 'text') return node;
    const id = ids.get(node.id) ?? `unmatched-${node.id}`;
    if (node.type === 'ph') return { type: 'ph', id };
    return { type: 'pc', id, children: renumberNodes(node.children, ids) };
  });
}

/**
 * The translated unit's text with its codes renumbered onto the source's (same kind and type,
 * k-th with k-th, links with an equal URL first), or undefined when it does not pass
 * `checkTarget` against the source unit.
 */
function rewrite(source: SourceUnit, translated: SourceUnit): string | undefined {
  try {
    const nodes = parseTagged(translated.text);
    const sourceNodes = parseTagged(source.text);
    const free = codeOrder(sourceNodes);
    const ids = new Map<string, string>();
    const order = codeOrder(nodes);
    const claim = (tId: string, fits: (sId: string) => boolean): void => {
      if (ids.has(tId)) return;
      const index = free.findIndex(fits);
      const sId = free[index];
      if (sId === undefined) return;
      ids.set(tId, sId);
      free.splice(index, 1);
    };
    const sameSort = (tInfo: CodeInfo | undefined, sInfo: CodeInfo | undefined): boolean =>
      sInfo !== undefined &&
      tInfo !== undefined &&
      sInfo.kind === tInfo.kind &&
      codeType(sInfo) === codeType(tInfo);
    for (const tId of order) {
      const url = linkUrl(translated.codes[tId]);
      if (url === undefined) continue;
      claim(
        tId,
        (sId) =>
          sameSort(translated.codes[tId], source.codes[sId]) && linkUrl(source.codes[sId]) === url,
      );
    }
    for (const tId of order) {
      claim(tId, (sId) => sameSort(translated.codes[tId], source.codes[sId]));
    }
    const text = serializeTagged(renumberNodes(nodes, ids));
    return checkTarget(source, text).length === 0 ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Aligns a translated post's units onto the source's: title with title, excerpt with excerpt,
 * body units by an order-preserving scored alignment (kind, code types, link URLs, numbers,
 * names, length ratio), or in order within each kind above CROSS_ALIGN_MAX_CELLS. A pair whose
 * rewritten text fails `checkTarget` is dropped and both units are reported unaligned.
 * Never throws.
 */
export function alignTranslation(source: SourceUnit[], translation: SourceUnit[]): CrossAlignment {
  const isField = (unit: SourceUnit): boolean => unit.kind === 'title' || unit.kind === 'excerpt';
  const candidates: [SourceUnit, SourceUnit][] = [];
  for (const kind of ['title', 'excerpt'] as const) {
    const s = source.find((unit) => unit.kind === kind);
    const t = translation.find((unit) => unit.kind === kind);
    if (s !== undefined && t !== undefined) candidates.push([s, t]);
  }
  const sourceBody = source.filter((unit) => !isField(unit));
  const translationBody = translation.filter((unit) => !isField(unit));
  let bodyPairs: [number, number][];
  const oneToOne =
    sourceBody.length === translationBody.length &&
    sourceBody.every((unit, index) => translationBody[index]?.kind === unit.kind);
  if (oneToOne) {
    bodyPairs = sourceBody.map((_, index) => [index, index]);
  } else if (source.length * translation.length > CROSS_ALIGN_MAX_CELLS) {
    bodyPairs = pairWithinKind(sourceBody, translationBody);
  } else {
    bodyPairs = alignBody(sourceBody.map(features), translationBody.map(features));
  }
  for (const [i, j] of bodyPairs) {
    const s = sourceBody[i];
    const t = translationBody[j];
    if (s !== undefined && t !== undefined) candidates.push([s, t]);
  }

  const pairedSource = new Map<SourceUnit, { translationPath: string; text: string }>();
  const pairedTranslation = new Set<SourceUnit>();
  for (const [s, t] of candidates) {
    const text = rewrite(s, t);
    if (text === undefined) continue;
    pairedSource.set(s, { translationPath: t.path, text });
    pairedTranslation.add(t);
  }
  const pairs: CrossAlignment['pairs'] = [];
  const unalignedSource: string[] = [];
  for (const unit of source) {
    const pair = pairedSource.get(unit);
    if (pair === undefined) unalignedSource.push(unit.path);
    else pairs.push({ sourcePath: unit.path, ...pair });
  }
  const unalignedTranslation = translation
    .filter((unit) => !pairedTranslation.has(unit))
    .map((unit) => unit.path);
  return { pairs, unalignedSource, unalignedTranslation };
}

/** Rebuilding a document from unit texts: how a translation (or the source) is rendered. */
import type { Nodes } from 'mdast';
import type {} from 'mdast-util-to-hast';
import { unitSlots } from './slots.js';
import type { PostDocument, UnitRendering } from './types.js';

/** The class the HTML carries on a block showing an outdated translation. */
export const OUTDATED_CLASS = 'translation-outdated';

function hasMarks(rendering: UnitRendering): boolean {
  return rendering.lang !== undefined || rendering.dir !== undefined || rendering.outdated === true;
}

/**
 * Writes `lang`, `dir` and the outdated class into `data.hProperties`, which remark-rehype copies
 * onto the element. When several units share a block (a figure's caption label and alt text),
 * the first unit's language wins and any outdated unit marks the block.
 */
function addMarks(node: Nodes, rendering: UnitRendering): void {
  if (!hasMarks(rendering)) return;
  const data = (node.data ??= {});
  const properties = (data.hProperties ??= {});
  if (rendering.lang !== undefined && properties.lang === undefined)
    properties.lang = rendering.lang;
  if (rendering.dir !== undefined && properties.dir === undefined) properties.dir = rendering.dir;
  if (rendering.outdated === true) {
    // remark-rehype replaces the element's className with ours: keep the task-list class.
    const task = node.type === 'listItem' && typeof node.checked === 'boolean';
    properties.className = task ? ['task-list-item', OUTDATED_CLASS] : [OUTDATED_CLASS];
  }
}

/**
 * Rebuilds the document with the given unit texts (tagged strings, by unit path); a null or
 * absent text keeps the source. Inline nodes are rebuilt from the SOURCE nodes by code id: a link
 * keeps its url and title, inline code its value, an image its url; only text and the order and
 * nesting of codes come from the translation, so nothing can be injected. Blocks get
 * `data.hProperties` {lang, dir, className: ['translation-outdated']} from the rendering marks.
 * With every unit's own source text the result deep-equals `doc` (the round-trip guarantee).
 * Never throws: a text that does not parse (refused on save by checkTarget) keeps the source;
 * codes the source lacks are dropped with their text kept. Does not modify `doc`.
 */
export function applyUnits(
  doc: PostDocument,
  units: ReadonlyMap<string, UnitRendering>,
): PostDocument {
  return applyUnitsInPlace(structuredClone(doc), units);
}

/**
 * applyUnits without the copy, for a caller that owns a freshly parsed document (the read
 * path parses the stored JSON anyway, so cloning it again would only cost time).
 */
export function applyUnitsInPlace(
  copy: PostDocument,
  units: ReadonlyMap<string, UnitRendering>,
): PostDocument {
  for (const slot of unitSlots(copy)) {
    const rendering = units.get(slot.unit.path);
    if (rendering === undefined) continue;
    if (typeof rendering.text === 'string') slot.write(rendering.text);
    if (slot.markTarget !== undefined) addMarks(slot.markTarget, rendering);
  }
  return copy;
}

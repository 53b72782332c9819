/**
 * Empty link text: a paired code in the translation whose content is empty or only spaces —
 * a link readers cannot see or click (or formatting around nothing). A standalone code
 * inside (a linked image) counts as content.
 */
import { isLinkType } from '../units/codes.js';
import { parseTagged } from '../units/tagged.js';
import type { CodeInfo, TaggedNode } from '../units/types.js';
import { finding } from './messages.js';
import type { Finding } from './types.js';

/** Whether nodes show anything: a standalone code or non-space text. */
function hasContent(nodes: readonly TaggedNode[]): boolean {
  return nodes.some((node) => {
    if (node.type === 'ph') return true;
    if (node.type === 'text') return node.value.trim() !== '';
    return hasContent(node.children);
  });
}

/** The content of each paired code, by id (the first one when an id repeats). */
function pairedContents(tagged: string): Map<string, TaggedNode[]> | null {
  let nodes: TaggedNode[];
  try {
    nodes = parseTagged(tagged);
  } catch {
    return null; // malformed: the blocking checks report it
  }
  const found = new Map<string, TaggedNode[]>();
  const visit = (list: readonly TaggedNode[]): void => {
    for (const node of list) {
      if (node.type !== 'pc') continue;
      if (!found.has(node.id)) found.set(node.id, node.children);
      visit(node.children);
    }
  };
  visit(nodes);
  return found;
}

function isLink(info: CodeInfo | undefined): boolean {
  if (info === undefined) return false;
  return info.type === undefined ? info.label.startsWith('link → ') : isLinkType(info.type);
}

/** `codes.emptyLink` / `codes.empty` for each paired code with nothing inside (unlike the source's). */
export function checkEmptyCodes(
  source: string,
  target: string,
  codes: Record<string, CodeInfo>,
): Finding[] {
  const targetCodes = pairedContents(target);
  if (targetCodes === null) return [];
  const sourceCodes = pairedContents(source);
  const findings: Finding[] = [];
  for (const [id, children] of targetCodes) {
    if (hasContent(children)) continue;
    const inSource = sourceCodes?.get(id);
    if (inSource !== undefined && !hasContent(inSource)) continue;
    const info = Object.hasOwn(codes, id) ? codes[id] : undefined;
    findings.push(finding(isLink(info) ? 'codes.emptyLink' : 'codes.empty', { code: id }));
  }
  return findings;
}

/**
 * Categories nest (WordPress's hierarchy, migration 0032): each has at most one parent. These
 * functions read a tree given as the flat list of categories and their parents. They never
 * loop, even over data that holds a cycle (a restore of a damaged database): a walk stops at
 * the first term it has already seen.
 */

export interface TreeTerm {
  id: string;
  parentId: string | null;
}

/** The term's ancestors, nearest first (its parent, then the parent's parent…). */
export function ancestorsOf<T extends TreeTerm>(terms: readonly T[], id: string): T[] {
  const byId = new Map(terms.map((t) => [t.id, t]));
  const seen = new Set([id]);
  const trail: T[] = [];
  for (let at = byId.get(id)?.parentId ?? null; at !== null && !seen.has(at);) {
    const parent = byId.get(at);
    if (!parent) break;
    seen.add(at);
    trail.push(parent);
    at = parent.parentId;
  }
  return trail;
}

/** The term's children (one level down), in the list's order. */
export function childrenOf<T extends TreeTerm>(terms: readonly T[], id: string): T[] {
  return terms.filter((t) => t.parentId === id && t.id !== id);
}

/** Every term below `id` (children, their children…), breadth first; `id` itself excluded. */
export function descendantsOf<T extends TreeTerm>(terms: readonly T[], id: string): T[] {
  const seen = new Set([id]);
  const found: T[] = [];
  for (let level = [id]; level.length > 0;) {
    const next: string[] = [];
    for (const parent of level)
      for (const child of childrenOf(terms, parent)) {
        if (seen.has(child.id)) continue;
        seen.add(child.id);
        found.push(child);
        next.push(child.id);
      }
    level = next;
  }
  return found;
}

/** Whether giving `id` the parent `parentId` would make a term its own ancestor. */
export function makesCycle(terms: readonly TreeTerm[], id: string, parentId: string): boolean {
  return parentId === id || ancestorsOf(terms, parentId).some((t) => t.id === id);
}

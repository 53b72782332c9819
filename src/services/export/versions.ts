/**
 * The versions of a post an export writes: the original's revision shown, and a translation as
 * its readers see it (translated units, the original's text where none), both with media
 * images pointing at exported files when asked.
 */
import type { Nodes, Root } from 'mdast';
import { isTargetState, readerText } from '../../domain/targets.js';
import { applyUnits } from '../../domain/units/index.js';
import type { PostDocument, UnitRendering } from '../../domain/units/index.js';
import type {
  ExportMedia,
  ExportPost,
  ExportTranslation,
} from '../ports/site-export.repository.js';

/** The revision a Markdown file shows: the published one, else the latest. */
export function shownRevision(post: ExportPost) {
  const number = post.publishedRevision ?? post.currentRevision;
  return post.revisions.find((r) => r.number === number) ?? post.revisions.at(-1);
}

/** Points `media:ID` images and directives' `media` at the exported files (from `<lang>/`). */
export function linkMedia(root: Root, media: Map<string, ExportMedia>): Root {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'image' && node.url.startsWith('media:')) {
      const item = media.get(node.url.slice('media:'.length));
      if (item) node.url = `../media/${item.storageKey}`;
    }
    if (
      (node.type === 'leafDirective' || node.type === 'containerDirective') &&
      typeof node.attributes?.media === 'string'
    ) {
      const item = media.get(node.attributes.media);
      if (item) node.attributes = { ...node.attributes, src: `../media/${item.storageKey}` };
    }
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
  return root;
}

/** A translation's document as readers see it, with its completion (%) and outdated units. */
export function translatedDocument(post: ExportPost, translation: ExportTranslation) {
  const targets = new Map(translation.targets.map((t) => [t.unitId, t]));
  const renderings = new Map<string, UnitRendering>();
  let done = 0;
  let outdated = 0;
  for (const unit of post.units) {
    const target = targets.get(unit.unitId);
    const shown = readerText(
      target && isTargetState(target.state) ? { state: target.state, text: target.text } : null,
    );
    if (shown.kind === 'target') {
      renderings.set(unit.path, { text: shown.text });
      if (shown.outdated) outdated++;
      else done++;
    } else renderings.set(unit.path, { text: null });
  }
  const revision = post.revisions.find((r) => r.number === post.unitRevision);
  const source: PostDocument = {
    title: revision?.title ?? '',
    excerpt: revision?.excerpt ?? '',
    body: JSON.parse(post.unitBodyDoc ?? '{"type":"root","children":[]}') as Root,
  };
  const completion = post.units.length === 0 ? 0 : Math.floor((done * 100) / post.units.length);
  return { doc: applyUnits(source, renderings), completion, outdated };
}

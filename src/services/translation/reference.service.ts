/**
 * The text a translation was imported from (a WordPress post in the target language), as the
 * editor shows it beside the units: rendered through the content format (sanitized), with how
 * many units of the original it could not be aligned with.
 */
import type { ServiceDeps } from '../deps.js';
import { previewMarkdown } from '../posts/read-post.service.js';

export interface ImportedReference {
  source: string;
  title: string;
  html: string;
  unaligned: number;
}

/** Null when the translation was not imported. Anyone who may open the editor may read it. */
export async function importedReference(
  deps: ServiceDeps,
  postId: string,
  language: string,
): Promise<ImportedReference | null> {
  const reference = await deps.store.translations.findReference(postId, language);
  if (!reference) return null;
  return {
    source: reference.source,
    title: reference.title,
    html: await previewMarkdown(deps, reference.bodyMarkdown),
    unaligned: reference.unaligned,
  };
}

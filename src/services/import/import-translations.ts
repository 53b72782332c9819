/**
 * The other members of a Polylang or WPML translation group: each becomes the translation of
 * the group's original into its language. Its text is aligned onto the original's units block
 * by block (domain/units/cross-align.ts); aligned units are saved through the editor's save
 * path as translated, with provenance `import`; units that could not be aligned stay
 * untranslated (readers see the original there). A published WordPress translation is
 * published, as far as the site's publication policy allows (the report says when not).
 *
 * A unit that already has a target is left alone: a re-run changes nothing, and never
 * overwrites what someone translated in Polyphony since.
 */
import { extractUnits } from '../../domain/units/index.js';
import type { SourceUnit, UnitKind } from '../../domain/units/index.js';
import { alignTranslation } from '../../domain/units/cross-align.js';
import {
  publishTranslation,
  setTranslationSlug,
} from '../translation/publish-translation.service.js';
import { saveTarget } from '../translation/save-target.service.js';
import { publishedUnits } from '../translation/translation-context.js';
import { idOf, record, stepDeps } from './import-context.js';
import { message } from './import-people.js';
import { importComments, importPost, postFields } from './import-posts.js';
import type { ContentContext } from './import-posts.js';
import { redirectItem } from './import-redirects.js';
import type { ImportEntry } from './import-report.js';
import type { WxrItem } from './wxr-records.js';

export async function importTranslation(
  c: ContentContext,
  item: WxrItem,
  sourceWpId: number,
): Promise<void> {
  const { ctx } = c;
  const { store } = ctx.deps;
  const scanned = c.scan.items.get(item.postId)!;
  const language = scanned.language!;
  const sourceId = idOf(ctx, `post:${sourceWpId}`);
  const original = await store.posts.findById(sourceId);
  if (!original || original.status !== 'published' || original.publishedRevision === null) {
    // Only a published post has units to translate: the copy stays a post of its own.
    await importPost(c, item, [
      `a translation of WordPress item ${sourceWpId}, which is not published: kept as its own post`,
    ]);
    return;
  }
  const entry: Omit<ImportEntry, 'outcome' | 'notes'> = {
    kind: 'translation',
    wpId: String(item.postId),
    label: `${item.title} (${language})`,
    id: sourceId,
  };
  const notes: string[] = [];
  try {
    const at = scanned.date ?? ctx.exportedAt;
    const fields = postFields(c, item, language);
    notes.push(...fields.notes);
    const body = await ctx.deps.content.parse(fields.input.body ?? '');
    const translated = extractUnits({
      title: fields.input.title,
      excerpt: fields.input.excerpt ?? '',
      body,
    });
    const { units } = await publishedUnits(ctx.deps, store, sourceId);
    const source: SourceUnit[] = units.map((u) => ({
      path: u.path,
      kind: u.kind as UnitKind,
      text: u.source,
      codes: u.codes,
    }));
    const alignment = alignTranslation(source, translated);
    const unitByPath = new Map(units.map((u) => [u.path, u]));
    const existing = await store.translations.findTranslation(sourceId, language);
    const stored = existing ? await store.translations.targets([existing.id]) : [];
    const done = new Set(stored.map((t) => t.unitId));
    let changed = false;
    for (const pair of alignment.pairs) {
      const unit = unitByPath.get(pair.sourcePath);
      if (!unit || done.has(unit.unitId)) continue;
      await saveTarget(stepDeps(ctx, `${sourceId}:${language}:${unit.unitId}`, at), ctx.actor, {
        postId: sourceId,
        language,
        unitId: unit.unitId,
        text: pair.text,
        version: 0,
        sourceRevision: unit.revision,
        state: 'translated',
        provenance: 'import',
      });
      changed = true;
    }
    const left = alignment.unalignedSource.length;
    // The whole WordPress text stays at hand in the editor, whatever could be aligned.
    await store.translations.saveReference({
      postId: sourceId,
      language,
      source: 'wordpress',
      title: fields.input.title,
      bodyMarkdown: fields.input.body ?? '',
      unaligned: left,
      createdAt: at.toISOString(),
    });
    if (left > 0) notes.push(`${left} of ${units.length} units could not be aligned`);
    if (alignment.unalignedTranslation.length > 0)
      notes.push(
        `${alignment.unalignedTranslation.length} blocks of the WordPress text had no place in the original`,
      );
    const translation = await store.translations.findTranslation(sourceId, language);
    if (translation && item.status === 'publish' && translation.status !== 'published') {
      try {
        await publishTranslation(
          stepDeps(ctx, `${sourceId}:${language}:publish`, at),
          ctx.actor,
          sourceId,
          language,
        );
        changed = true;
      } catch (error) {
        notes.push(`kept unpublished: ${message(error)}`);
      }
    }
    if (translation && fields.input.slug && translation.slug !== fields.input.slug) {
      try {
        await setTranslationSlug(
          stepDeps(ctx, `${sourceId}:${language}:slug`, at),
          ctx.actor,
          sourceId,
          language,
          fields.input.slug,
        );
      } catch (error) {
        notes.push(`slug "${fields.input.slug}" not kept: ${message(error)}`);
      }
    }
    const shown = await store.translations.findTranslation(sourceId, language);
    if (shown?.status === 'published')
      await redirectItem(ctx, item, {
        language,
        slug: shown.slug,
        publishedAt: original.publishedAt,
      });
    const group = scanned.group!;
    let report = ctx.report.groups.find((g) => g.group === group);
    if (!report) {
      report = { group, source: String(sourceWpId), translations: [] };
      ctx.report.groups.push(report);
    }
    report.translations.push({
      wpId: String(item.postId),
      language,
      aligned: alignment.pairs.length,
      left,
    });
    const comments = await importComments(c, item, sourceId, language, notes);
    record(ctx, { ...entry, outcome: changed ? 'imported' : 'unchanged', notes });
    for (const comment of comments) record(ctx, comment);
  } catch (error) {
    record(ctx, { ...entry, outcome: 'failed', notes: [...notes, message(error)] });
  }
}

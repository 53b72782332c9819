/**
 * The import's first pass over the file: what each item is (without its content), which
 * translation group it belongs to and which member of each group is the original. Small: a
 * few fields per item, so a 500 MB export scans in a few MB.
 */
import { canonicalLanguageTag } from '../../domain/language.js';
import { wordPressDate } from './import-context.js';
import type { WordPressFile } from './wordpress-file.js';
import type { WxrSite, WxrSummary } from './wxr-records.js';

export interface ScannedItem {
  wpId: number;
  type: string;
  status: string;
  /** Canonical language tag, or null when the item declares none. */
  language: string | null;
  group: string | null;
  /** WPML's source language of a translation (canonical); null otherwise. */
  translatedFrom: string | null;
  date: Date | null;
  /** `_wp_attached_file` of an attachment (its path under uploads). */
  attachedFile: string | null;
  attachmentUrl: string;
}

export interface Scan {
  site: WxrSite;
  summary: WxrSummary;
  items: Map<number, ScannedItem>;
  /** Group → the original's WordPress id. */
  sources: Map<string, number>;
  /** Group → every member's id, in file order. */
  members: Map<string, number[]>;
}

/** Statuses whose items become posts (trash and WordPress's own auto-drafts do not). */
export const IMPORTED_STATUSES = new Set(['publish', 'future', 'draft', 'pending', 'private']);

export function isContent(item: Pick<ScannedItem, 'type' | 'status'>): boolean {
  return (item.type === 'post' || item.type === 'page') && IMPORTED_STATUSES.has(item.status);
}

/** A WordPress language code (`es`, `pt_BR`, `pt-br`) as a canonical tag, or null. */
function languageTag(code: string): string | null {
  return canonicalLanguageTag(code.replace('_', '-'));
}

export async function scanFile(file: WordPressFile, defaultLanguage: string): Promise<Scan> {
  let site: WxrSite | null = null;
  const items = new Map<number, ScannedItem>();
  const members = new Map<string, number[]>();
  const summary = await file.read({
    site: (s) => {
      site = s;
    },
    item: (item) => {
      const declared = file.languageOf(item);
      const language = declared ? languageTag(declared.language) : null;
      const scanned: ScannedItem = {
        wpId: item.postId,
        type: item.postType,
        status: item.status,
        language,
        group: declared?.group ?? null,
        translatedFrom: declared?.sourceLanguage ? languageTag(declared.sourceLanguage) : null,
        date: wordPressDate(item.postDateGmt) ?? wordPressDate(item.postDate),
        attachedFile: item.meta.find((m) => m.key === '_wp_attached_file')?.value ?? null,
        attachmentUrl: item.attachmentUrl,
      };
      items.set(item.postId, scanned);
      if (scanned.group && language && isContent(scanned)) {
        const list = members.get(scanned.group) ?? [];
        list.push(item.postId);
        members.set(scanned.group, list);
      }
    },
  });
  if (!site) throw new Error('The file has no channel: it is not a WordPress export');
  const sources = new Map<string, number>();
  for (const [group, ids] of members) {
    const candidates = ids.map((id) => items.get(id)!);
    // Two members in one language cannot both be versions of one post: the group is kept
    // whole only when its languages are distinct.
    if (new Set(candidates.map((c) => c.language)).size !== candidates.length || ids.length < 2) {
      members.delete(group);
      continue;
    }
    const source =
      candidates.find((c) => c.group?.startsWith('wpml:') && c.translatedFrom === null) ??
      candidates.find((c) => c.language === defaultLanguage) ??
      [...candidates].sort(
        (a, b) => (a.date?.getTime() ?? Infinity) - (b.date?.getTime() ?? Infinity),
      )[0]!;
    sources.set(group, source.wpId);
  }
  return { site, summary, items, sources, members };
}

/** The original an item is a translation of, or null when it stands on its own. */
export function sourceOf(scan: Scan, wpId: number): number | null {
  const item = scan.items.get(wpId);
  if (!item?.group || !scan.members.has(item.group)) return null;
  const source = scan.sources.get(item.group);
  return source === undefined || source === wpId ? null : source;
}

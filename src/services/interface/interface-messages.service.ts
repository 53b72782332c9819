/**
 * What volunteers see of the interface catalogs: each target language with its completion,
 * and a language's messages — English source, where it appears, the current text (an approved
 * volunteer's text, else the shipped catalog's, else none) and the proposals waiting — filtered
 * by area and state, a page at a time; and a language's export for committing back.
 */
import { messageContext } from '../../domain/icu-message.js';
import type { InterfaceFilter } from '../../domain/icu-message.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { InterfaceTextRecord } from '../repositories.js';
import type { InterfaceCatalog } from './catalog.port.js';
import {
  interfaceTargetLanguages,
  requireRole,
  requireTargetLanguage,
} from './interface-languages.js';

/** untranslated: no text; shipped: the catalog's; approved: a volunteer's. */
export type InterfaceMessageState = 'untranslated' | 'shipped' | 'approved';

export const INTERFACE_PAGE_SIZE = 40;

export interface InterfaceMessageView {
  key: string;
  /** The area (`reader`) and the path inside it (`['home']`): where the text appears. */
  context: { area: string; path: string[] };
  source: string;
  /** The text readers of the language see now; null when they see English. */
  current: string | null;
  state: InterfaceMessageState;
  /** The approved text was written against an older English text. */
  outdated: boolean;
  pending: { id: string; text: string; createdBy: string | null; createdAt: string }[];
}

export interface InterfaceLanguageSummary {
  language: string;
  total: number;
  /** Messages with a text (shipped or approved). */
  translated: number;
  approved: number;
  pending: number;
}

interface LanguageState {
  approved: Map<string, InterfaceTextRecord>;
  pending: Map<string, InterfaceTextRecord[]>;
}

async function stateOf(deps: ServiceDeps, language: string): Promise<LanguageState> {
  const approved = new Map<string, InterfaceTextRecord>();
  for (const record of await deps.store.interface.listApproved(language))
    approved.set(record.key, record);
  const pending = new Map<string, InterfaceTextRecord[]>();
  for (const record of await deps.store.interface.listPending(language)) {
    const list = pending.get(record.key) ?? [];
    list.push(record);
    pending.set(record.key, list);
  }
  return { approved, pending };
}

function viewOf(
  catalog: InterfaceCatalog,
  language: string,
  key: string,
  state: LanguageState,
): InterfaceMessageView {
  const source = catalog.source(key) ?? '';
  const approved = state.approved.get(key);
  const shipped = catalog.shipped(language, key);
  return {
    key,
    context: messageContext(key),
    source,
    current: approved?.text ?? shipped ?? null,
    state: approved ? 'approved' : shipped !== undefined ? 'shipped' : 'untranslated',
    outdated: approved !== undefined && approved.sourceText !== source,
    pending: (state.pending.get(key) ?? []).map((p) => ({
      id: p.id,
      text: p.text,
      createdBy: p.createdBy,
      createdAt: p.createdAt,
    })),
  };
}

/** Every target language with its completion. Needs the translator role. */
export async function listInterfaceLanguages(
  deps: ServiceDeps,
  catalog: InterfaceCatalog,
  actor: Actor | null,
): Promise<InterfaceLanguageSummary[]> {
  requireRole(actor, 'translator', 'translate the interface');
  const keys = catalog.keys();
  const out: InterfaceLanguageSummary[] = [];
  for (const language of interfaceTargetLanguages(deps)) {
    const state = await stateOf(deps, language);
    let translated = 0;
    for (const key of keys)
      if (state.approved.has(key) || catalog.shipped(language, key) !== undefined) translated++;
    let pending = 0;
    for (const list of state.pending.values()) pending += list.length;
    out.push({ language, total: keys.length, translated, approved: state.approved.size, pending });
  }
  return out;
}

/**
 * A page of a language's messages, filtered by area (`reader`) and state; with `focus`, the
 * page holding that message (which is put first when the filter leaves it out — a refused
 * proposal is shown where it was typed). Needs the translator role; NotFoundError for a
 * language the site does not offer.
 */
export async function listInterfaceMessages(
  deps: ServiceDeps,
  catalog: InterfaceCatalog,
  actor: Actor | null,
  query: {
    language: string;
    area?: string | undefined;
    filter: InterfaceFilter;
    page: number;
    focus?: string | undefined;
  },
): Promise<{
  language: string;
  areas: string[];
  messages: InterfaceMessageView[];
  page: number;
  pages: number;
  matching: number;
}> {
  requireRole(actor, 'translator', 'translate the interface');
  const language = requireTargetLanguage(deps, query.language);
  const state = await stateOf(deps, language);
  const keys = catalog.keys();
  const areas = [...new Set(keys.map((key) => messageContext(key).area))].sort();
  const matching: InterfaceMessageView[] = [];
  for (const key of keys) {
    if (query.area && messageContext(key).area !== query.area) continue;
    const view = viewOf(catalog, language, key, state);
    const keep =
      query.filter === 'all' ||
      (query.filter === 'proposed' ? view.pending.length > 0 : view.state === query.filter);
    if (keep) matching.push(view);
  }
  const pages = Math.max(1, Math.ceil(matching.length / INTERFACE_PAGE_SIZE));
  let page = Math.min(Math.max(1, query.page), pages);
  const focused = query.focus === undefined ? -1 : matching.findIndex((m) => m.key === query.focus);
  if (focused >= 0) page = Math.floor(focused / INTERFACE_PAGE_SIZE) + 1;
  const messages = matching.slice((page - 1) * INTERFACE_PAGE_SIZE, page * INTERFACE_PAGE_SIZE);
  if (query.focus !== undefined && focused < 0 && catalog.source(query.focus) !== undefined)
    messages.unshift(viewOf(catalog, language, query.focus, state));
  return {
    language,
    areas,
    messages,
    page,
    pages,
    matching: matching.length,
  };
}

/**
 * Every message of a language with a text → its current text, grouped by area, each group fit
 * to commit back as `<area>.<language>.json` (untranslated messages are left out). Needs the
 * reviewer role.
 */
export async function exportInterfaceLanguage(
  deps: ServiceDeps,
  catalog: InterfaceCatalog,
  actor: Actor | null,
  tag: string,
): Promise<{ language: string; areas: Record<string, Record<string, string>> }> {
  requireRole(actor, 'reviewer', 'export interface translations');
  const language = requireTargetLanguage(deps, tag);
  const state = await stateOf(deps, language);
  const areas: Record<string, Record<string, string>> = {};
  for (const key of catalog.keys()) {
    const text = state.approved.get(key)?.text ?? catalog.shipped(language, key);
    if (text === undefined) continue;
    (areas[messageContext(key).area] ??= {})[key] = text;
  }
  return { language, areas };
}

/**
 * Start-up: makes every approved interface text live. A text that no longer fits its English
 * message (a developer changed the placeholders since) stays in the database but is not
 * used — readers see the shipped catalog until a volunteer's new text is approved.
 */
import { translationProblems } from '../../domain/icu-message.js';
import type { ServiceDeps } from '../deps.js';
import type { InterfaceCatalog } from './catalog.port.js';

/**
 * Loads the approved texts into the catalog's overlay: how many were applied and skipped, and
 * whether the overlay changed.
 */
export async function loadInterfaceOverrides(
  deps: Pick<ServiceDeps, 'store'>,
  catalog: InterfaceCatalog,
): Promise<{ applied: number; skipped: number; changed: boolean }> {
  const entries: { language: string; key: string; text: string }[] = [];
  let skipped = 0;
  for (const record of await deps.store.interface.listApproved()) {
    const source = catalog.source(record.key);
    if (
      source === undefined ||
      translationProblems(source, record.text, record.language).length > 0
    )
      skipped++;
    else entries.push({ language: record.language, key: record.key, text: record.text });
  }
  const changed = catalog.replaceAll(entries);
  return { applied: entries.length, skipped, changed };
}

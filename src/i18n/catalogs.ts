/**
 * Loads every `messages/<area>.<lang>.json` file once at start-up and merges them per
 * language. Areas keep catalogs small and let each part of the site own its messages;
 * keys are namespaced by area (`reader.home.title`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../config/paths.js';

const dir = projectPath('src', 'i18n', 'messages');

function load(): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const file of readdirSync(dir).sort()) {
    const match = /^([a-z0-9]+)\.([A-Za-z0-9-]+)\.json$/.exec(file);
    if (!match?.[2]) continue;
    const lang = match[2];
    const raw: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (typeof raw !== 'object' || raw === null)
      throw new Error(`${file}: a catalog is a JSON object`);
    const target = (result[lang] ??= {});
    for (const [key, value] of Object.entries(raw)) {
      if (typeof value !== 'string') throw new Error(`${file}: "${key}" must be a string`);
      if (key in target) throw new Error(`${file}: "${key}" is defined twice for ${lang}`);
      target[key] = value;
    }
  }
  return result;
}

export const catalogs = load();

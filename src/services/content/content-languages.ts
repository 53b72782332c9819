/**
 * Which languages site content may be translated into, and the checks its use cases share.
 * Originals (names, descriptions, bios, alt texts) are written in the site's default
 * language, so every other site language is a target.
 */
import { NotFoundError } from '../../domain/errors.js';
import { canonicalLanguageTag } from '../../domain/language.js';
import type { ServiceDeps } from '../deps.js';
import { CONTENT_KINDS, isContentKind } from '../ports/content.repository.js';
import type { ContentKind } from '../ports/content.repository.js';

/** The site's languages except the default one (the originals' language). */
export function contentTargetLanguages(deps: Pick<ServiceDeps, 'settings'>): string[] {
  return deps.settings.languages.filter((tag) => tag !== deps.settings.defaultLanguage);
}

/** The canonical tag of a target language; NotFoundError when the site does not offer it. */
export function requireContentLanguage(deps: Pick<ServiceDeps, 'settings'>, tag: string): string {
  const canonical = canonicalLanguageTag(tag);
  if (!canonical || !contentTargetLanguages(deps).includes(canonical))
    throw new NotFoundError('Content language');
  return canonical;
}

/** `kind` as a ContentKind; NotFoundError for anything else. */
export function requireContentKind(kind: string): ContentKind {
  if (!isContentKind(kind)) throw new NotFoundError('Content kind');
  return kind;
}

export { CONTENT_KINDS };

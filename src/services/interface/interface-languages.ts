/** Which languages the interface may be translated into, and the checks every use case shares. */
import { NotFoundError } from '../../domain/errors.js';
import { ForbiddenError } from '../../domain/errors.js';
import { canonicalLanguageTag } from '../../domain/language.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor, Role } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';

/** The site's languages except English (the source of every interface message). */
export function interfaceTargetLanguages(deps: Pick<ServiceDeps, 'settings'>): string[] {
  return deps.settings.languages.filter((tag) => tag !== 'en');
}

/** The canonical tag of a target language; NotFoundError when the site does not offer it. */
export function requireTargetLanguage(deps: Pick<ServiceDeps, 'settings'>, tag: string): string {
  const canonical = canonicalLanguageTag(tag);
  if (!canonical || !interfaceTargetLanguages(deps).includes(canonical))
    throw new NotFoundError('Interface language');
  return canonical;
}

/** Throws ForbiddenError unless `actor` holds `role`. */
export function requireRole(actor: Actor | null, role: Role, doing: string): Actor {
  if (!actor || !hasRole(actor, role)) throw new ForbiddenError(`Only a ${role} can ${doing}`);
  return actor;
}

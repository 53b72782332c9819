/**
 * Puts the interface translator on every request (`request.t`). Pages under a language prefix
 * (`/es/…`) speak that language; every other page (sign-in, write, admin, media, errors) speaks
 * the reader's remembered choice (cookie `pp_lang`), else their Accept-Language, else the site
 * default. Only languages the site offers (settings.languages) are ever chosen; a language
 * without a complete catalog is shown with English text (see i18n/translator.ts).
 */
import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { canonicalLanguageTag } from '../../domain/language.js';
import { negotiateLanguage } from '../../i18n/negotiate.js';
import { translator } from '../../i18n/translator.js';
import type { Translator } from '../../i18n/translator.js';
import type { Settings } from '../../services/deps.js';

/** The cookie that remembers the reader's interface language choice. */
export const LANGUAGE_COOKIE = 'pp_lang';

declare module 'fastify' {
  interface FastifyRequest {
    /** The interface translator for this request (chosen in onRequest by the i18n plugin). */
    readonly t: Translator;
  }
}

type LanguageSettings = Pick<Settings, 'languages' | 'defaultLanguage' | 'languageFallbacks'>;

/** The site language named by the first path segment (`/es/2024/…` → `es`), or null. */
export function languagePrefixOf(url: string, languages: readonly string[]): string | null {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const segment = path.split('/')[1] ?? '';
  if (segment === '' || segment.length > 64) return null;
  const tag = canonicalLanguageTag(segment);
  return tag && languages.includes(tag) ? tag : null;
}

/** Decides a request's interface language (a site language); pure, so it is easy to test. */
export function chooseInterfaceLanguage(
  input: { url: string; remembered?: string | undefined; acceptLanguage?: string | undefined },
  settings: LanguageSettings,
): string {
  return (
    languagePrefixOf(input.url, settings.languages) ??
    negotiateLanguage(
      { remembered: input.remembered, acceptLanguage: input.acceptLanguage },
      settings.languages,
      settings.defaultLanguage,
    )
  );
}

interface RequestLanguage {
  language: string;
  settings: LanguageSettings;
  t: Translator;
}
const chosen = new WeakMap<FastifyRequest, RequestLanguage>();

/**
 * The site language this request's interface is in (e.g. `sw`), which may differ from
 * `request.t.lang` (the catalog actually used, `en` until Swahili is complete).
 */
export function interfaceLanguageOf(request: FastifyRequest): string {
  return chosen.get(request)?.language ?? request.t.lang;
}

/** The site's languages and default, as the i18n plugin was configured (for error pages). */
export function siteLanguagesOf(request: FastifyRequest): LanguageSettings | undefined {
  return chosen.get(request)?.settings;
}

export const i18nPlugin = fp<{ settings: LanguageSettings }>(
  (app, { settings }, done) => {
    app.decorateRequest('t', {
      getter(this: FastifyRequest): Translator {
        // Before the hook ran (a failure in an earlier hook), fall back to the site default.
        return chosen.get(this)?.t ?? translator(settings.defaultLanguage);
      },
    });
    app.addHook('onRequest', (request, _reply, next) => {
      const acceptLanguage = request.headers['accept-language'];
      const language = chooseInterfaceLanguage(
        {
          url: request.url,
          remembered: request.cookies[LANGUAGE_COOKIE],
          acceptLanguage: typeof acceptLanguage === 'string' ? acceptLanguage : undefined,
        },
        settings,
      );
      chosen.set(request, {
        language,
        settings,
        t: translator(language, settings.languageFallbacks?.[language]),
      });
      next();
    });
    done();
  },
  { name: 'polyphony-i18n', dependencies: ['@fastify/cookie'] },
);

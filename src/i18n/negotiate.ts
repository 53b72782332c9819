/**
 * Picks a reader's language for `/` from their remembered choice, then Accept-Language
 * (q-values honoured by `negotiator`, fallbacks such as pt-BR → pt by the ECMA-402 lookup of
 * `@formatjs/intl-localematcher`), then the site default. Each requested tag is also tried with
 * its likely script (CLDR likely subtags, `Intl.Locale#maximize`), so `sr` and `sr-RS` reach a
 * site's `sr-Cyrl` and `zh-TW` its `zh-Hant`.
 */
import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';
import { memoByTag } from '../domain/language.js';

export function negotiateLanguage(
  input: { remembered?: string | undefined; acceptLanguage?: string | undefined },
  available: readonly string[],
  fallback: string,
): string {
  if (input.remembered && available.includes(input.remembered)) return input.remembered;
  if (!input.acceptLanguage) return fallback;
  const requested = new Negotiator({ headers: { 'accept-language': input.acceptLanguage } })
    .languages()
    .filter((tag) => tag !== '*')
    .flatMap((tag) => {
      try {
        return withLikelyScript(Intl.getCanonicalLocales(tag)[0] ?? '');
      } catch {
        return [];
      }
    });
  if (requested.length === 0) return fallback;
  try {
    return match(requested, [...available], fallback, { algorithm: 'lookup' });
  } catch {
    return fallback;
  }
}

const likelyScripts = memoByTag((tag): readonly string[] => Object.freeze(likelyScriptsOf(tag)));

/**
 * A canonical tag, then (when it names no script) the same with its likely script:
 * `sr-RS` → `sr-RS`, `sr-Cyrl-RS`, `sr-Cyrl`. Empty for an empty tag. Memoized (asked on
 * every request); the answer is shared, so it is read-only.
 */
export function withLikelyScript(tag: string): readonly string[] {
  return likelyScripts(tag);
}

function likelyScriptsOf(tag: string): string[] {
  if (tag === '') return [];
  const locale = new Intl.Locale(tag);
  if (locale.script) return [tag];
  const { language, script, region } = locale.maximize();
  if (!script) return [tag];
  const scripted = `${language}-${script}`;
  const out = [tag];
  if (locale.region) out.push(`${scripted}-${region ?? locale.region}`);
  out.push(scripted);
  return [...new Set(out)];
}

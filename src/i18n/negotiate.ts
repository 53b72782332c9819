/**
 * Picks a reader's language for `/` from their remembered choice, then Accept-Language
 * (q-values honoured by `negotiator`, fallbacks such as pt-BR → pt by the ECMA-402 lookup of
 * `@formatjs/intl-localematcher`), then the site default.
 */
import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';

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
        return Intl.getCanonicalLocales(tag);
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

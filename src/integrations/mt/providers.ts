/** The machine-translation engines configured by the environment, as providers. */
import type { MtProvider } from '../../services/ports/mt.js';
import { apertiumProvider } from './apertium.js';
import { libreTranslateProvider } from './libretranslate.js';
import { mintProvider } from './mint.js';

/** Where each engine runs; an engine without a URL is not configured. */
export interface MtConfig {
  apertiumUrl?: string | undefined;
  libreTranslateUrl?: string | undefined;
  libreTranslateKey?: string | undefined;
  mintUrl?: string | undefined;
}

/** One provider per configured engine (Apertium, LibreTranslate, MinT, in that order). */
export function mtProviders(config: MtConfig): MtProvider[] {
  const providers: MtProvider[] = [];
  if (config.apertiumUrl) providers.push(apertiumProvider({ url: config.apertiumUrl }));
  if (config.libreTranslateUrl)
    providers.push(
      libreTranslateProvider({ url: config.libreTranslateUrl, apiKey: config.libreTranslateKey }),
    );
  if (config.mintUrl) providers.push(mintProvider({ url: config.mintUrl }));
  return providers;
}

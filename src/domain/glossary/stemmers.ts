/**
 * Stemmers by language, from @orama/stemmers (Apache-2.0, maintained with the Orama search
 * engine): the Snowball algorithms compiled to JavaScript for every language below except
 * English, which is Martin Porter's original algorithm. Pure functions of one lower-cased
 * word. Languages without one (Japanese, Chinese, Thai, Swahili…) match exact word forms.
 */
import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as armenian } from '@orama/stemmers/armenian';
import { stemmer as bulgarian } from '@orama/stemmers/bulgarian';
import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as finnish } from '@orama/stemmers/finnish';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as greek } from '@orama/stemmers/greek';
import { stemmer as hindi } from '@orama/stemmers/indian';
import { stemmer as indonesian } from '@orama/stemmers/indonesian';
import { stemmer as irish } from '@orama/stemmers/irish';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as lithuanian } from '@orama/stemmers/lithuanian';
import { stemmer as nepali } from '@orama/stemmers/nepali';
import { stemmer as norwegian } from '@orama/stemmers/norwegian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as romanian } from '@orama/stemmers/romanian';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as serbian } from '@orama/stemmers/serbian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as swedish } from '@orama/stemmers/swedish';
import { stemmer as tamil } from '@orama/stemmers/tamil';
import { stemmer as turkish } from '@orama/stemmers/turkish';
import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';

/** A stemmer: one lower-cased word in, its stem out. */
export type Stemmer = (word: string) => string;

const byLanguage: Readonly<Record<string, Stemmer>> = {
  ar: arabic,
  hy: armenian,
  bg: bulgarian,
  da: danish,
  nl: dutch,
  en: english,
  fi: finnish,
  fr: french,
  de: german,
  el: greek,
  hi: hindi,
  id: indonesian,
  ga: irish,
  it: italian,
  lt: lithuanian,
  ne: nepali,
  nb: norwegian,
  nn: norwegian,
  no: norwegian,
  pt: portuguese,
  ro: romanian,
  ru: russian,
  sr: serbian,
  hbs: serbian,
  es: spanish,
  sv: swedish,
  ta: tamil,
  tr: turkish,
  uk: ukrainian,
};

/**
 * The stemmer for a BCP 47 tag (by its primary language subtag: `pt-BR` → Portuguese), or
 * null when there is none. A stemmer that throws on some odd word gives the word back.
 */
export function stemmerFor(language: string): Stemmer | null {
  const primary = language.split('-', 1)[0]?.toLowerCase() ?? '';
  const stem = Object.hasOwn(byLanguage, primary) ? byLanguage[primary] : undefined;
  if (!stem) return null;
  return (word) => {
    try {
      const result = stem(word);
      return typeof result === 'string' && result !== '' ? result : word;
    } catch {
      return word;
    }
  };
}

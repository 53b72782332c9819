/**
 * The English text of every finding, as ICU MessageFormat — the same strings as
 * src/i18n/messages/checks.en.json (a test keeps the two equal), so a finding carries both the
 * catalog key and its English message, and the editor can show it in any interface language.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { CheckId, Finding, FindingParams } from './types.js';

/** Catalog key of a check: `checks.<id>`. */
export function messageKey(check: CheckId): string {
  return `checks.${check}`;
}

/** English ICU messages by check id. */
export const CHECK_MESSAGES: Readonly<Record<CheckId, string>> = {
  'numbers.missing':
    '{count, plural, one {The number {numbers} of the source is missing} other {The numbers {numbers} of the source are missing}}',
  'numbers.extra':
    '{count, plural, one {The number {numbers} is not in the source} other {The numbers {numbers} are not in the source}}',
  'urls.missing': 'The address {url} of the source is missing or changed',
  'emails.missing': 'The e-mail address {email} of the source is missing or changed',
  'punctuation.endMissing':
    'The source ends with “{mark}” but the translation has no end punctuation',
  'punctuation.endExtra':
    'The translation ends with “{mark}” but the source has no end punctuation',
  'punctuation.endDifferent': 'The source ends with “{source}” but the translation with “{target}”',
  'punctuation.openingMissing': 'A sentence ending with “{closing}” has no opening “{mark}”',
  'spaces.leading':
    '{has, select, target {The translation starts with a space; the source does not} other {The source starts with a space; the translation does not}}',
  'spaces.trailing':
    '{has, select, target {The translation ends with a space; the source does not} other {The source ends with a space; the translation does not}}',
  'spaces.double':
    '{count, plural, one {The translation has a double space} other {The translation has # double spaces}}',
  'spaces.betweenCjk':
    '{count, plural, one {There is a space between two characters where the script uses none} other {There are # spaces between characters where the script uses none}}',
  'brackets.unbalanced': 'The translation has an unmatched “{mark}”',
  'length.short':
    'The translation is {percent}% as long as the source: shorter than expected for these scripts (at least {min}%)',
  'length.long':
    'The translation is {percent}% as long as the source: longer than expected for these scripts (at most {max}%)',
  identical: 'The translation is the same as the source',
  'words.repeated': 'The word “{word}” is repeated',
  'codes.emptyLink': 'The link (code {code}) has no text, so readers cannot see or follow it',
  'codes.empty': 'Code {code} wraps no text',
  'glossary.missing': 'The glossary translates “{term}” as “{translation}”, which is not used here',
  'glossary.keep': '“{term}” should stay as it is (glossary: do not translate)',
  'glossary.forbidden': 'The glossary forbids “{forbidden}” as a translation of “{term}”',
  'machine.unmodified':
    '{percent}% of this text is the machine translation ({engine}) left unmodified; revise it',
};

/**
 * Messages the checks do not emit as findings but the services use: the publish block when a
 * translation's share of unmodified machine translation is over the site's limit.
 */
export const CHECK_SERVICE_MESSAGES: Readonly<Record<string, string>> = {
  'checks.machine.publishBlocked':
    '{percent}% of this translation is machine translation left unmodified; the site allows at most {limit}%. {count, plural, one {Revise this segment first: {units}} other {Revise these # segments first: {units}}}',
};

const compiled = new Map<CheckId, IntlMessageFormat>();

/** A finding of `check` with its key and English message. */
export function finding(check: CheckId, params: FindingParams = {}): Finding {
  let format = compiled.get(check);
  if (!format) {
    format = new IntlMessageFormat(CHECK_MESSAGES[check], 'en');
    compiled.set(check, format);
  }
  const message = format.format(params);
  return { check, key: messageKey(check), message: String(message), params };
}

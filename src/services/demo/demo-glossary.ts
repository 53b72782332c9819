/**
 * The demo's English → Spanish glossary, added through the real glossary service by the
 * demo editor: the terms the joint post uses (edit-a-thon, remote buddy, playbook) so the
 * translation editor has something to highlight, and a do-not-translate name.
 */
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import { createTerm } from '../glossary/create-term.service.js';

const terms = [
  {
    term: 'edit-a-thon',
    translation: 'editatón',
    partOfSpeech: 'noun',
    definition:
      'An event where people improve Wikipedia or its sister projects together, usually with training for newcomers.',
    note: 'Plural: editatones.',
    forbidden: ['maratón de edición'],
  },
  {
    term: 'remote buddy',
    translation: 'compañero a distancia',
    partOfSpeech: 'noun',
    definition:
      'A volunteer from a partner community who joins an event by video and reviews new edits live.',
    note: 'Use “compañera a distancia” for a woman.',
  },
  {
    term: 'playbook',
    translation: 'manual',
    partOfSpeech: 'noun',
    definition: 'The shared guide to organizing an edit-a-thon.',
    note: '',
    forbidden: ['libro de jugadas'],
  },
  {
    term: 'newcomer',
    translation: 'recién llegado',
    partOfSpeech: 'noun',
    definition: 'Someone who makes their first edits at the event.',
    note: 'Or “persona recién llegada” to avoid the masculine.',
  },
  {
    term: 'Wikimedia',
    translation: '',
    partOfSpeech: 'properNoun',
    definition: 'The movement and its foundation.',
    note: 'A name: never translated.',
    caseSensitive: true,
    doNotTranslate: true,
  },
];

/** Adds the demo glossary (en → es) as `editor` (a reviewer or editor). */
export async function seedDemoGlossary(deps: ServiceDeps, editor: Actor): Promise<void> {
  for (const term of terms) await createTerm(deps, editor, { from: 'en', to: 'es', term });
}

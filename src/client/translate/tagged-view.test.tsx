import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { GlossaryHitView, MessageName } from './state.js';
import { SourceText, termNote } from './tagged-view.js';

const messages = new Proxy({} as Record<MessageName, string>, {
  get: (_target, name) =>
    name === 'glossaryDoNotTranslate'
      ? 'keep as is'
      : name === 'glossaryForbidden'
        ? 'not: {words}'
        : String(name),
});

const hit = (
  term: string,
  start: number,
  extra: Partial<GlossaryHitView> = {},
): GlossaryHitView => ({
  term,
  start,
  end: start + term.length,
  translation: 'editatón',
  doNotTranslate: false,
  forbidden: [],
  definition: '',
  note: '',
  ...extra,
});

describe('SourceText', () => {
  it('marks glossary terms by plain-text offsets, across codes, keeping the chips', () => {
    // Plain text: "Join the edit-a-thon at ten." — the term starts inside the link code.
    const source = 'Join <pc id="1">the edit-a-thon</pc> at ten.';
    const html = render(
      <SourceText
        unitId="u1"
        text={source}
        codes={{ '1': { kind: 'pc', label: 'link' } }}
        glossary={[hit('edit-a-thon', 9)]}
        messages={messages}
      />,
    );
    expect(html).toContain('<span class="chip chip-open" title="link">1</span>the ');
    expect(html).toMatch(
      /<mark class="term" tabindex="0" title="editatón" aria-describedby="term-u1-0">edit-a-thon<span class="term-note" role="tooltip" id="term-u1-0">editatón<\/span><\/mark>/,
    );
    expect(html).toContain('<span class="chip chip-close" title="link">/1</span> at ten.');
  });

  it('says to keep a do-not-translate term and lists forbidden translations', () => {
    expect(
      termNote(hit('Wikimedia', 0, { translation: null, doNotTranslate: true }), messages),
    ).toBe('keep as is');
    expect(
      termNote(
        hit('playbook', 0, { translation: 'manual', forbidden: ['libro de jugadas'] }),
        messages,
      ),
    ).toBe('manual · not: libro de jugadas');
  });
});

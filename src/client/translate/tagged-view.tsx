/**
 * Tagged strings as the editor shows them: text with numbered code chips, a word diff, and the
 * source with its glossary terms marked (the approved translation on hover and on focus).
 */
import type { DiffPart } from '../../domain/alignment/types.js';
import { sourceParts } from './shorthand.js';
import type { GlossaryHitView, MessageName, UnitState } from './state.js';
import { fill } from './state.js';

function Chip({ id, edge, label }: { id: string; edge: string; label: string | undefined }) {
  return (
    <span class={`chip chip-${edge}`} title={label}>
      {edge === 'close' ? `/${id}` : edge === 'single' ? `${id}/` : id}
    </span>
  );
}

/** A tagged string as text with numbered chips (suggestions, conflicts). */
export function TaggedText({ text, codes }: { text: string; codes: UnitState['codes'] }) {
  return (
    <>
      {sourceParts(text).map((part) =>
        part.type === 'text' ? (
          part.text
        ) : (
          <Chip id={part.id} edge={part.edge} label={codes[part.id]?.label} />
        ),
      )}
    </>
  );
}

/** A word diff: removed words struck through, added ones underlined, both announced. */
export function Diff({
  parts,
  messages,
}: {
  parts: DiffPart[];
  messages: Record<MessageName, string>;
}) {
  return (
    <>
      {parts.map((part) =>
        part.kind === 'same' ? (
          part.text
        ) : part.kind === 'removed' ? (
          <del>
            <span class="visually-hidden">[{messages.diffRemoved}: </span>
            {part.text}
            <span class="visually-hidden">]</span>
          </del>
        ) : (
          <ins>
            <span class="visually-hidden">[{messages.diffAdded}: </span>
            {part.text}
            <span class="visually-hidden">]</span>
          </ins>
        ),
      )}
    </>
  );
}

/** What a glossary term's note says: the approved translation, or keep it, or what not to use. */
export function termNote(hit: GlossaryHitView, messages: Record<MessageName, string>): string {
  const parts = [
    hit.doNotTranslate ? messages.glossaryDoNotTranslate : (hit.translation ?? ''),
    hit.forbidden.length > 0
      ? fill(messages.glossaryForbidden, { words: hit.forbidden.join(', ') })
      : '',
    hit.definition,
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * The source with chips and its glossary terms marked. A term is focusable and carries its
 * note (title on hover, an always-present description for screen readers and focus).
 */
export function SourceText(props: {
  unitId: string;
  text: string;
  codes: UnitState['codes'];
  glossary: GlossaryHitView[];
  messages: Record<MessageName, string>;
}) {
  const hits = [...props.glossary].sort((a, b) => a.start - b.start);
  const out: preact.ComponentChildren[] = [];
  let offset = 0; // in the plain text (codes stripped), where glossary offsets count
  let key = 0;
  for (const part of sourceParts(props.text)) {
    if (part.type === 'chip') {
      out.push(<Chip id={part.id} edge={part.edge} label={props.codes[part.id]?.label} />);
      continue;
    }
    const text = part.text;
    let cursor = 0;
    for (const hit of hits) {
      const from = Math.max(hit.start - offset, cursor);
      const to = Math.min(hit.end - offset, text.length);
      if (to <= from || from >= text.length) continue;
      if (from > cursor) out.push(text.slice(cursor, from));
      const id = `term-${props.unitId}-${key++}`;
      const note = termNote(hit, props.messages);
      out.push(
        <mark class="term" tabIndex={0} title={note} aria-describedby={id}>
          {text.slice(from, to)}
          <span class="term-note" role="tooltip" id={id}>
            {note}
          </span>
        </mark>,
      );
      cursor = to;
    }
    if (cursor < text.length) out.push(text.slice(cursor));
    offset += text.length;
  }
  return <>{out}</>;
}

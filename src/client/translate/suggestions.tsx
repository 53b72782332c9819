/**
 * The suggestions of one unit, loaded when the translator first focuses it: translation-memory
 * matches with their score, origin, use count and the difference of their source from this
 * one; the machine translation, always labelled with its engine (or why it is paused); and the
 * glossary terms of the source. Each suggestion is inserted by its button or Ctrl+Shift+1…5.
 */
import type { Row } from './rows.js';
import { insertable } from './rows.js';
import { fill, plural } from './state.js';
import type { MachineState } from './state.js';
import { Diff, TaggedText, termNote } from './tagged-view.js';
import type { RowActions, RowContext } from './row-types.js';

function pausedText(context: RowContext, state: MachineState): string | null {
  if (state.state !== 'paused') return null;
  const until = new Intl.DateTimeFormat(context.uiLang, { timeStyle: 'short' }).format(
    new Date(state.until),
  );
  return fill(context.messages.machinePaused, {
    engine: state.engine,
    until,
    reason: state.reason,
  });
}

export function Suggestions(props: { row: Row; context: RowContext; actions: RowActions }) {
  const { row, context, actions } = props;
  const m = context.messages;
  const load = row.suggestions;
  const glossary = row.unit.glossary;
  const items = insertable(row);
  return (
    <section
      class="suggestions"
      aria-label={m.suggestionsTitle}
      aria-busy={load.state === 'loading' ? 'true' : undefined}
    >
      <h3 class="suggestions-title">{m.suggestionsTitle}</h3>
      {load.state === 'loading' ? <p class="hint">{m.suggestionsLoading}</p> : null}
      {load.state === 'error' ? (
        <p class="problems">{[m.suggestionsError, load.message].filter(Boolean).join(' ')}</p>
      ) : null}
      {load.state === 'ready' ? (
        <>
          {items.length === 0 && glossary.length === 0 ? (
            <p class="hint">{m.suggestionsNone}</p>
          ) : null}
          <ol class="suggestion-list">
            {load.view.memory.slice(0, load.view.machine ? 4 : 5).map((match, index) => (
              <li class="suggestion memory" data-score={match.score}>
                <p class="suggestion-head">
                  <span class="badge score">
                    {match.inContext
                      ? m.memoryInContext
                      : fill(m.memoryScore, { score: match.score })}
                  </span>{' '}
                  <span class="hint">
                    {m.memoryLabel} · {match.originLabel} ·{' '}
                    {plural(context.plurals.uses, match.uses)}
                  </span>
                </p>
                <p class="suggestion-text" lang={context.target.tag} dir={context.target.dir}>
                  <TaggedText text={match.text} codes={row.unit.codes} />
                </p>
                {match.score < 100 ? (
                  <p
                    class="unit-diff suggestion-diff"
                    lang={context.source.tag}
                    dir={context.source.dir}
                  >
                    <Diff parts={match.diff} messages={m} />
                  </p>
                ) : null}
                {!match.codesMapped ? <p class="hint">{m.noCodes}</p> : null}
                <InsertButton index={index} row={row} context={context} actions={actions} />
              </li>
            ))}
            {load.view.machine ? (
              <li class="suggestion machine" data-engine={load.view.machine.engine}>
                <p class="suggestion-head">
                  <span class="badge mt">
                    {fill(m.machineLabel, { engine: load.view.machine.label })}
                  </span>
                </p>
                <p class="suggestion-text" lang={context.target.tag} dir={context.target.dir}>
                  <TaggedText text={load.view.machine.text} codes={row.unit.codes} />
                </p>
                {!load.view.machine.codesPlaced ? <p class="hint">{m.noCodes}</p> : null}
                <InsertButton
                  index={items.length - 1}
                  row={row}
                  context={context}
                  actions={actions}
                />
              </li>
            ) : null}
          </ol>
          {!load.view.memoryComplete ? <p class="hint">{m.suggestionsPartial}</p> : null}
          {pausedText(context, load.view.machineState) ? (
            <p class="notice machine-paused" role="status">
              {pausedText(context, load.view.machineState)}
            </p>
          ) : null}
          {load.view.machineError ? <p class="problems">{load.view.machineError}</p> : null}
        </>
      ) : null}
      {glossary.length > 0 ? (
        <div class="suggestion-glossary">
          <h4>{m.glossaryLabel}</h4>
          <dl>
            {glossary.map((hit) => (
              <>
                <dt lang={context.source.tag} dir={context.source.dir}>
                  {hit.term}
                </dt>
                <dd lang={context.target.tag} dir={context.target.dir}>
                  {termNote(hit, m)}
                </dd>
              </>
            ))}
          </dl>
        </div>
      ) : null}
    </section>
  );
}

function InsertButton(props: {
  index: number;
  row: Row;
  context: RowContext;
  actions: RowActions;
}) {
  const { index, row, context, actions } = props;
  if (index >= 5) return null;
  return (
    <button
      type="button"
      class="secondary small"
      aria-keyshortcuts={`Control+Shift+${index + 1}`}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => actions.insertSuggestion(row, index)}
    >
      {fill(context.messages.insertSuggestion, { n: index + 1 })}
    </button>
  );
}

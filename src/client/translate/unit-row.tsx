/**
 * One row of the editor: the source with its numbered code chips and glossary terms, the
 * translator's textarea, and around it the outdated diff, the save status, check problems,
 * suggestions, warnings, a conflict with both texts, proposals and the review buttons.
 * Presentational: the Editor and its session own the state and the calls.
 */
import { Candidates, Conflict, Findings } from './panels.js';
import type { Row, RowStatus } from './rows.js';
import type { MessageName, TargetState } from './state.js';
import { fill } from './state.js';
import { Suggestions } from './suggestions.js';
import { Diff, SourceText } from './tagged-view.js';

export type { Row, RowStatus } from './rows.js';

export type { RowActions, RowContext } from './row-types.js';
import type { RowActions, RowContext } from './row-types.js';

const STATE_MESSAGE: Record<TargetState, MessageName> = {
  untranslated: 'stateUntranslated',
  draft: 'stateDraft',
  translated: 'stateTranslated',
  reviewed: 'stateReviewed',
  outdated: 'stateOutdated',
};

const STATUS_MESSAGE: Partial<Record<RowStatus, MessageName>> = {
  dirty: 'statusDirty',
  saving: 'statusSaving',
  saved: 'statusSaved',
  pending: 'statusPending',
  invalid: 'statusInvalid',
  error: 'statusError',
  conflict: 'statusConflict',
  network: 'statusNetwork',
};

/** Rows to show for a text: grows with it, within reason. */
function rowsFor(text: string): number {
  const lines = text
    .split('\n')
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 48)), 0);
  return Math.min(14, Math.max(2, lines));
}

export function UnitRow(props: {
  row: Row;
  number: number;
  hidden: boolean;
  context: RowContext;
  actions: RowActions;
}) {
  const { row, number, context, actions } = props;
  const { messages: m, source, target } = context;
  const { unit } = row;
  const id = `unit-${unit.unitId}`;
  const codeIds = Object.keys(unit.codes);
  const canApprove = context.canReview && row.state === 'translated' && !row.mine;
  const canSendBack =
    context.canReview &&
    !context.published &&
    (row.state === 'translated' || row.state === 'reviewed') &&
    !row.mine;
  const statusName = STATUS_MESSAGE[row.status];
  const describedBy = [`${id}-source`, row.problems.length > 0 ? `${id}-problems` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <section
      class={`unit state-${row.state ?? 'none'} status-${row.status}`}
      id={id}
      hidden={props.hidden}
      aria-labelledby={`${id}-head`}
    >
      <header class="unit-head">
        <h2 id={`${id}-head`}>
          <span class="unit-number">{number}</span> {unit.kindLabel}
        </h2>
        <span class={`badge state-badge state-${row.state ?? 'untranslated'}`}>
          {m[STATE_MESSAGE[row.state ?? 'untranslated']]}
        </span>
        {statusName ? (
          <span class={`unit-status status-${row.status}`}>{m[statusName]}</span>
        ) : null}
      </header>
      <div class="unit-source" id={`${id}-source`} lang={source.tag} dir={source.dir}>
        <p class="source-text">
          <SourceText
            unitId={unit.unitId}
            text={unit.source}
            codes={unit.codes}
            glossary={unit.glossary}
            messages={m}
          />
        </p>
        {unit.diff ? (
          <div class="outdated-diff">
            <p class="hint" lang={undefined}>
              {row.sourceChanged ? m.sourceChanged : m.outdatedTitle}
            </p>
            <p class="unit-diff">
              <Diff parts={unit.diff} messages={m} />
            </p>
          </div>
        ) : null}
      </div>
      <div class="unit-target">
        {unit.reviewComment ? (
          <p class="review-comment" role="note">
            <strong>{m.sentBack}</strong> <span dir="auto">{unit.reviewComment}</span>
          </p>
        ) : null}
        <textarea
          id={`${id}-text`}
          ref={(el) => actions.textareaRef(unit.unitId, el)}
          lang={target.tag}
          dir={target.dir}
          rows={rowsFor(row.text)}
          value={row.text}
          readOnly={!context.canTranslate}
          aria-labelledby={`${id}-head`}
          aria-describedby={describedBy}
          aria-invalid={row.status === 'invalid' ? 'true' : undefined}
          onInput={(event) => actions.onInput(row, event.currentTarget.value)}
          onFocus={() => actions.onFocus(row)}
          onBlur={() => actions.onBlur(row)}
          onKeyDown={(event) => actions.onKeyDown(row, event)}
        />
        {codeIds.length > 0 ? (
          <div class="codes" role="group" aria-label={m.codesLabel}>
            {codeIds.map((codeId) => {
              const code = unit.codes[codeId];
              if (!code) return null;
              return (
                <button
                  type="button"
                  class="chip-button"
                  aria-keyshortcuts={/^[1-9]$/.test(codeId) ? `Alt+${codeId}` : undefined}
                  title={fill(m.insertCode, { id: codeId, label: code.label })}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => actions.insert(row, codeId)}
                >
                  <span class="chip">{code.kind === 'ph' ? `${codeId}/` : codeId}</span>{' '}
                  <bdi>{code.label}</bdi>
                </button>
              );
            })}
          </div>
        ) : null}
        {context.canTranslate && row.suggestions.state !== 'idle' ? (
          <Suggestions row={row} context={context} actions={actions} />
        ) : null}
        {row.problems.length > 0 ? (
          <ul class="problems" id={`${id}-problems`}>
            {row.problems.map((problem) => (
              <li>{problem}</li>
            ))}
          </ul>
        ) : null}
        {row.status === 'error' || row.status === 'network' ? (
          <p class="problems">{row.status === 'error' ? row.error : m.statusNetwork}</p>
        ) : null}
        {row.findings.length > 0 ? (
          <Findings row={row} context={context} actions={actions} />
        ) : null}
        {row.conflict ? (
          <Conflict row={row} conflict={row.conflict} context={context} actions={actions} />
        ) : null}
        {unit.candidates.length > 0 ? (
          <Candidates row={row} context={context} actions={actions} />
        ) : null}
        <div class="unit-actions">
          {context.canTranslate ? (
            <button type="button" class="secondary small" onClick={() => actions.saveAndNext(row)}>
              {m.saveNext}
            </button>
          ) : null}
          {context.canTranslate ? (
            <button
              type="button"
              class="secondary small"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => actions.copySource(row)}
            >
              {m.copySource}
            </button>
          ) : null}
          {canApprove ? (
            <button type="button" class="small" onClick={() => actions.approve(row)}>
              {m.approve}
            </button>
          ) : null}
          {canSendBack && !row.sendingBack ? (
            <button
              type="button"
              class="secondary small"
              onClick={() => actions.openSendBack(row, true)}
            >
              {m.sendBack}
            </button>
          ) : null}
          {row.state === 'reviewed' && row.reviewedByMe ? (
            <span class="hint">{m.reviewedByYou}</span>
          ) : null}
          {context.canReview && row.mine && row.state === 'translated' ? (
            <span class="hint">{m.ownWork}</span>
          ) : null}
        </div>
        {row.sendingBack ? (
          <form
            class="send-back"
            onSubmit={(event) => {
              event.preventDefault();
              actions.sendBack(row);
            }}
          >
            <label for={`${id}-comment`}>{m.sendBackComment}</label>
            <textarea
              id={`${id}-comment`}
              rows={2}
              required
              value={row.comment}
              onInput={(event) => actions.onComment(row, event.currentTarget.value)}
            />
            <div class="unit-actions">
              <button type="submit" class="small">
                {m.sendBackSubmit}
              </button>
              <button
                type="button"
                class="secondary small"
                onClick={() => actions.openSendBack(row, false)}
              >
                {m.cancel}
              </button>
            </div>
          </form>
        ) : null}
        {row.reviewError ? <p class="problems">{row.reviewError}</p> : null}
      </div>
    </section>
  );
}

/**
 * The panels under a unit's textarea: a conflict with both texts, pending proposals with their
 * diff (reviewers accept or reject), and quality warnings (the translator dismisses them with
 * a reason).
 */
import type { SavedTarget } from './api.js';
import type { Row } from './rows.js';
import { toShorthand } from './shorthand.js';
import { fill } from './state.js';
import { Diff } from './tagged-view.js';
import type { RowActions, RowContext } from './row-types.js';

/** Warnings on the saved text; each can be dismissed with a reason (who and why are kept). */
export function Findings(props: { row: Row; context: RowContext; actions: RowActions }) {
  const { row, context, actions } = props;
  const m = context.messages;
  const id = `unit-${row.unit.unitId}`;
  return (
    <div class="findings" role="group" aria-label={m.findingsTitle}>
      <p class="findings-title">
        <strong>{m.findingsTitle}</strong>
      </p>
      <ul>
        {row.findings.map((finding) => (
          <li
            class={finding.dismissed ? 'finding dismissed' : 'finding'}
            data-check={finding.check}
          >
            <span>{finding.message}</span>
            {finding.dismissed ? (
              <span class="hint">
                {' '}
                {fill(m.dismissedBy, {
                  name: finding.dismissed.by,
                  reason: finding.dismissed.reason,
                })}
              </span>
            ) : context.canTranslate && row.dismissing !== finding.id ? (
              <>
                {' '}
                <button
                  type="button"
                  class="link-button"
                  onClick={() => actions.openDismiss(row, finding.id)}
                >
                  {m.dismiss}
                </button>
              </>
            ) : null}
            {row.dismissing === finding.id ? (
              <form
                class="send-back"
                onSubmit={(event) => {
                  event.preventDefault();
                  actions.dismiss(row, finding.id);
                }}
              >
                <label for={`${id}-dismiss-${finding.id}`}>{m.dismissReason}</label>
                <input
                  id={`${id}-dismiss-${finding.id}`}
                  required
                  maxLength={500}
                  value={row.dismissReason}
                  onInput={(event) => actions.onDismissReason(row, event.currentTarget.value)}
                />
                <div class="unit-actions">
                  <button type="submit" class="small">
                    {m.dismissSubmit}
                  </button>
                  <button
                    type="button"
                    class="secondary small"
                    onClick={() => actions.openDismiss(row, null)}
                  >
                    {m.cancel}
                  </button>
                </div>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Pending proposals with their diff against the live text; reviewers accept or reject. */
export function Candidates(props: { row: Row; context: RowContext; actions: RowActions }) {
  const { row, context, actions } = props;
  const m = context.messages;
  const id = `unit-${row.unit.unitId}`;
  return (
    <div class="candidates" role="group" aria-label={m.pendingTitle}>
      <p class="candidates-title">
        <strong>{m.pendingTitle}</strong>
      </p>
      <ul>
        {row.unit.candidates.map((candidate) => (
          <li class="candidate" key={candidate.id} data-candidate={candidate.id}>
            <p class="hint">
              {fill(m.proposedBy, { name: candidate.authorName })}
              {candidate.staleSource ? ` · ${m.candidateStale}` : ''}
            </p>
            <p class="unit-diff" lang={context.target.tag} dir={context.target.dir}>
              <Diff parts={candidate.diff} messages={m} />
            </p>
            {context.canReview && !candidate.mine ? (
              row.rejecting === candidate.id ? (
                <form
                  class="send-back"
                  onSubmit={(event) => {
                    event.preventDefault();
                    actions.reject(row, candidate.id);
                  }}
                >
                  <label for={`${id}-reject-${candidate.id}`}>{m.rejectComment}</label>
                  <textarea
                    id={`${id}-reject-${candidate.id}`}
                    rows={2}
                    value={row.rejectComment}
                    onInput={(event) => actions.onRejectComment(row, event.currentTarget.value)}
                  />
                  <div class="unit-actions">
                    <button type="submit" class="small">
                      {m.rejectSubmit}
                    </button>
                    <button
                      type="button"
                      class="secondary small"
                      onClick={() => actions.openReject(row, null)}
                    >
                      {m.cancel}
                    </button>
                  </div>
                </form>
              ) : (
                <div class="unit-actions">
                  <button
                    type="button"
                    class="small"
                    onClick={() => actions.accept(row, candidate.id)}
                  >
                    {m.accept}
                  </button>
                  <button
                    type="button"
                    class="secondary small"
                    onClick={() => actions.openReject(row, candidate.id)}
                  >
                    {m.reject}
                  </button>
                </div>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Conflict(props: {
  row: Row;
  conflict: SavedTarget;
  context: RowContext;
  actions: RowActions;
}) {
  const { row, conflict, context, actions } = props;
  const m = context.messages;
  return (
    <div class="conflict" role="group" aria-label={m.statusConflict}>
      <p>
        <strong>{m.conflictTitle}</strong>
      </p>
      <div class="conflict-texts">
        <figure>
          <figcaption>{m.conflictTheirs}</figcaption>
          <pre lang={context.target.tag} dir={context.target.dir}>
            {toShorthand(conflict.text, context.target.dir === 'rtl')}
          </pre>
        </figure>
        <figure>
          <figcaption>{m.conflictYours}</figcaption>
          <pre lang={context.target.tag} dir={context.target.dir}>
            {row.text}
          </pre>
        </figure>
      </div>
      <div class="unit-actions">
        <button type="button" class="small" onClick={() => actions.keepMine(row)}>
          {m.conflictKeepMine}
        </button>
        <button type="button" class="secondary small" onClick={() => actions.useTheirs(row)}>
          {m.conflictUseTheirs}
        </button>
      </div>
    </div>
  );
}

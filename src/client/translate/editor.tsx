/**
 * The translation editor island: rendered on the server from the same component and hydrated
 * by main.tsx. The toolbar (progress, presence, filters, publishing) and the rows; what the
 * rows do (autosave, conflicts, reviews, suggestions, warnings) lives in session.ts.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { postPath } from '../../domain/post.js';
import { publicationProblem } from '../../domain/publication-policy.js';
import { apiBase, heartbeat, publish } from './api.js';
import type { Filter } from './filters.js';
import { FILTERS, matchesFilter, nextNeedingWork } from './filters.js';
import type { Row } from './rows.js';
import { initialRows } from './rows.js';
import { EditorSession } from './session.js';
import { toShorthand } from './shorthand.js';
import type { EditorState, MessageName, ProgressState } from './state.js';
import { fill, plural } from './state.js';
import type { RowActions, RowContext } from './row-types.js';
import { UnitRow } from './unit-row.js';

export { initialRows } from './rows.js';

const PRESENCE_MS = 30_000;

const FILTER_MESSAGE: Record<Filter, MessageName> = {
  all: 'filterAll',
  untranslated: 'filterUntranslated',
  outdated: 'filterOutdated',
  pending: 'filterPending',
  mine: 'filterMine',
};

export interface EditorProps {
  state: EditorState;
  csrf: string;
}

export function Editor({ state, csrf }: EditorProps) {
  const m = state.messages;
  const [, setTick] = useState(0);
  const [progress, setProgress] = useState<ProgressState>(state.progress);
  const [others, setOthers] = useState(state.others);
  const [filter, setFilter] = useState<Filter>('all');
  const [translation, setTranslation] = useState(state.translation);
  const [publishing, setPublishing] = useState(false);
  const [publishMessage, setPublishMessage] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const base = apiBase(state.postId, state.target.tag);
  const numbers = useMemo(() => new Intl.NumberFormat(state.uiLang), [state.uiLang]);
  const pathOf = (slug: string) =>
    postPath({ language: state.target.tag, slug, publishedAt: state.postPublishedAt });

  const sessionRef = useRef<EditorSession | null>(null);
  sessionRef.current ??= new EditorSession(state, initialRows(state), base, csrf, {
    refresh: () => setTick((n) => n + 1),
    progress: setProgress,
    announce: setAnnouncement,
    published: (slug) => {
      setTranslation((t) => {
        const published = slug ?? t.slug;
        return { status: 'published', slug: published, path: pathOf(published) };
      });
      setPublishMessage(m.published);
    },
    publishMessage: setPublishMessage,
  });
  const session = sessionRef.current;
  const rows = session.rows;

  const context: RowContext = {
    messages: m,
    uiLang: state.uiLang,
    plurals: state.plurals,
    source: state.source,
    target: state.target,
    canReview: state.canReview,
    canTranslate: state.canTranslate,
    published: translation.status === 'published',
  };

  const focusRow = (index: number | null): void => {
    if (index === null) return;
    const row = rows[index];
    const element = row ? session.textareas.get(row.unit.unitId) : undefined;
    element?.focus();
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const move = (row: Row, step: 1 | -1): void => {
    const facts = rows.map((r) => ({ state: r.state, mine: r.mine }));
    focusRow(nextNeedingWork(facts, rows.indexOf(row), step, filter));
  };

  const refresh = (): void => setTick((n) => n + 1);

  const actions: RowActions = {
    onInput: (row, value) => session.input(row, value),
    onBlur(row) {
      if (row.text !== row.savedText) void session.save(row);
    },
    onFocus(row) {
      if (state.canTranslate) void session.loadSuggestions(row);
    },
    onKeyDown(row, event: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>) {
      const plainAlt = event.altKey && !event.ctrlKey && !event.metaKey;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        actions.saveAndNext(row);
      } else if (plainAlt && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault();
        move(row, event.key === 'ArrowDown' ? 1 : -1);
      } else if (plainAlt && /^Digit[1-9]$/.test(event.code)) {
        const id = event.code.slice(5);
        if (row.unit.codes[id]) {
          event.preventDefault();
          session.insertCode(row, id);
        }
      } else if (
        event.ctrlKey &&
        event.shiftKey &&
        !event.altKey &&
        /^Digit[1-5]$/.test(event.code)
      ) {
        event.preventDefault();
        session.insertSuggestion(row, Number(event.code.slice(5)) - 1);
      }
    },
    insert: (row, id) => session.insertCode(row, id),
    saveAndNext(row) {
      void session.save(row, true).then((ok) => {
        if (ok) move(row, 1);
      });
    },
    keepMine(row) {
      if (!row.conflict) return;
      row.version = row.conflict.version;
      row.state = row.conflict.state;
      row.conflict = null;
      row.status = 'dirty';
      void session.save(row, true);
    },
    useTheirs(row) {
      const theirs = row.conflict;
      if (!theirs) return;
      row.text = toShorthand(theirs.text, session.rtl);
      row.savedText = row.text;
      row.version = theirs.version;
      row.state = theirs.state;
      row.mine = theirs.translatedBy === state.userId;
      row.conflict = null;
      row.origin = null;
      row.status = 'saved';
      row.problems = [];
      refresh();
    },
    approve: (row) => void session.review(row, 'approve'),
    openSendBack(row, open) {
      row.sendingBack = open;
      row.reviewError = '';
      refresh();
    },
    onComment(row, value) {
      row.comment = value;
      refresh();
    },
    sendBack: (row) => void session.review(row, 'send_back'),
    accept: (row, candidateId) => void session.decide(row, candidateId, 'accept'),
    openReject(row, candidateId) {
      row.rejecting = candidateId;
      row.rejectComment = '';
      row.reviewError = '';
      refresh();
    },
    onRejectComment(row, value) {
      row.rejectComment = value;
      refresh();
    },
    reject: (row, candidateId) => void session.decide(row, candidateId, 'reject'),
    insertSuggestion: (row, index) => session.insertSuggestion(row, index),
    copySource: (row) => session.copySource(row),
    openDismiss(row, findingId) {
      row.dismissing = findingId;
      row.dismissReason = '';
      refresh();
    },
    onDismissReason(row, value) {
      row.dismissReason = value;
      refresh();
    },
    dismiss: (row, findingId) => void session.dismiss(row, findingId),
    textareaRef(unitId, element) {
      if (element) session.textareas.set(unitId, element);
      else session.textareas.delete(unitId);
    },
  };

  const onPublish = async (): Promise<void> => {
    setPublishing(true);
    setPublishMessage('');
    const result = await publish(base, csrf);
    setPublishing(false);
    if (result.ok) {
      setTranslation({ status: 'published', slug: result.slug, path: pathOf(result.slug) });
      setPublishMessage(m.published);
    } else {
      setPublishMessage(result.message || m.statusNetwork);
    }
  };

  // Presence at once and every 30 s (opening the page writes nothing; this POST does);
  // unsaved text goes out (keepalive) when the page is left or hidden.
  useEffect(() => {
    const beatOnce = (): void => {
      void heartbeat(base, csrf).then((count) => {
        if (count !== null) setOthers(count);
      });
    };
    beatOnce();
    const beat = setInterval(beatOnce, PRESENCE_MS);
    const flush = (): void => session.flush();
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearInterval(beat);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  const shown = rows.map((row) =>
    matchesFilter(
      { state: row.state, mine: row.mine, pending: row.unit.candidates.length > 0 },
      filter,
    ),
  );
  const progressText =
    fill(m.progress, {
      translated: numbers.format(progress.translated),
      total: numbers.format(progress.total),
      reviewed: numbers.format(progress.reviewed),
    }) +
    (progress.outdated > 0
      ? ` · ${fill(m.progressOutdated, { outdated: numbers.format(progress.outdated) })}`
      : '');

  // The publish service's own rule, on the live progress (the server checks it again).
  const problem = publicationProblem(
    progress,
    state.publication.policy,
    state.publication.asEditor,
  );
  const requirement =
    problem?.kind === 'incomplete'
      ? plural(state.plurals.publishMore, problem.more)
      : problem?.kind === 'unreviewed'
        ? plural(state.plurals.publishUnreviewed, problem.unreviewed)
        : '';

  return (
    <div class="translation-editor">
      <div class="editor-toolbar">
        <div class="editor-progress">
          <progress
            id="editor-progress"
            max={Math.max(1, progress.total)}
            value={progress.translated}
            aria-label={m.progressLabel}
            aria-valuetext={progressText}
          />
          <span>{progressText}</span>
          {state.memoryMatches > 0 ? (
            <span class="memory-count">
              {plural(state.plurals.memoryMatches, state.memoryMatches)}
            </span>
          ) : null}
        </div>
        <p class="presence" aria-live="polite">
          {plural(state.plurals.presence, others)}
        </p>
        <fieldset class="filters">
          <legend>{m.filterLegend}</legend>
          {FILTERS.map((f) => (
            <label>
              <input
                type="radio"
                name="editor-filter"
                value={f}
                checked={filter === f}
                onChange={() => setFilter(f)}
              />{' '}
              {m[FILTER_MESSAGE[f]]}
            </label>
          ))}
        </fieldset>
        {state.canPublish || state.canReview ? (
          <div class="publish">
            {translation.status === 'published' && translation.path ? (
              <a href={translation.path}>{m.readTranslation}</a>
            ) : null}
            {translation.status !== 'published' ? (
              <button
                type="button"
                disabled={publishing || problem !== null}
                aria-describedby={requirement ? 'publish-requirement' : undefined}
                onClick={() => void onPublish()}
              >
                {publishing ? m.publishing : m.publish}
              </button>
            ) : null}
            {translation.status !== 'published' && requirement ? (
              <p id="publish-requirement" class="hint">
                {requirement}
              </p>
            ) : null}
            {publishMessage ? (
              <p class="publish-message" role="status">
                {publishMessage}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      {!state.canTranslate ? (
        <p class="notice" role="note">
          {m.notTranslator}
        </p>
      ) : state.savesNeedReview ? (
        <p class="notice" role="note">
          {m.pendingNotice}
        </p>
      ) : null}
      <details class="shortcuts">
        <summary>{m.keysSummary}</summary>
        <ul>
          <li>{m.keysSaveNext}</li>
          <li>{m.keysNavigate}</li>
          <li>{m.keysCode}</li>
          <li>{m.keysSuggestion}</li>
          <li>{m.codesHint}</li>
        </ul>
      </details>
      <p class="visually-hidden" aria-live="assertive">
        {announcement}
      </p>
      <div class="unit-columns" aria-hidden="true">
        <span lang={state.source.tag}>{fill(m.sourceColumn, { language: state.source.name })}</span>
        <span>{fill(m.targetColumn, { language: state.target.name })}</span>
      </div>
      {rows.length === 0 ? <p>{m.empty}</p> : null}
      {rows.length > 0 && !shown.includes(true) ? <p class="hint">{m.filterEmpty}</p> : null}
      {rows.map((row, index) => (
        <UnitRow
          key={row.unit.unitId}
          row={row}
          number={index + 1}
          hidden={!shown[index]}
          context={context}
          actions={actions}
        />
      ))}
    </div>
  );
}

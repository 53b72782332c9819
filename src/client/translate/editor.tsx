/**
 * The translation editor island: rendered on the server from the same component and hydrated
 * by main.tsx. Owns the working copy of every row, autosave (on blur, after 1.5 s idle, and
 * with keepalive on leaving the page), conflicts, keyboard navigation, filters, progress,
 * presence, review and publishing. Text is checked with the server's own rules before saving.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { postPath } from '../../domain/post.js';
import { isUnitKind } from '../../domain/units/types.js';
import { checkTarget } from '../../domain/units/check.js';
import type { SourceUnit } from '../../domain/units/types.js';
import { apiBase, decideCandidate, heartbeat, publish, reviewUnit, saveUnit } from './api.js';
import type { ChangedSource } from './api.js';
import type { Filter } from './filters.js';
import { FILTERS, matchesFilter, nextNeedingWork } from './filters.js';
import { fromShorthand, insertCode, shorthandMessage, toShorthand } from './shorthand.js';
import type { EditorState, MessageName, ProgressState } from './state.js';
import { fill, plural } from './state.js';
import type { Row, RowActions, RowContext } from './unit-row.js';
import { UnitRow } from './unit-row.js';

const IDLE_SAVE_MS = 1500;
const PRESENCE_MS = 30_000;

function sourceUnit(row: Row): SourceUnit {
  const { unit } = row;
  return {
    path: unit.unitId,
    kind: isUnitKind(unit.kind) ? unit.kind : 'paragraph',
    text: unit.source,
    codes: unit.codes,
  };
}

/**
 * The rows' initial working copies from the presented state. A translator's own pending
 * proposal is what their textarea shows (readers still see the live text).
 */
export function initialRows(state: EditorState): Row[] {
  const rtl = state.target.dir === 'rtl';
  return state.units.map((presented) => {
    const unit = { ...presented, candidates: presented.candidates.filter((c) => !c.mine) };
    const proposal = presented.candidates.find((c) => c.mine);
    const live = unit.target ? toShorthand(unit.target.text, rtl) : '';
    const text = proposal ? toShorthand(proposal.text, rtl) : live;
    return {
      unit,
      text,
      savedText: text,
      version: unit.target?.version ?? 0,
      state: unit.target?.state ?? null,
      mine: unit.target?.mine ?? false,
      reviewedByMe: unit.target?.reviewedByMe ?? false,
      status: proposal ? 'pending' : 'idle',
      problems: [],
      error: '',
      conflict: null,
      sendingBack: false,
      comment: '',
      reviewError: '',
      sourceChanged: false,
      rejecting: null,
      rejectComment: '',
    };
  });
}

/** The source changed while the translator worked: show the new one and what changed. */
function adoptSource(row: Row, changed: ChangedSource | null): void {
  if (!changed) return;
  row.unit.source = changed.source;
  row.unit.sourceRevision = changed.sourceRevision;
  row.unit.codes = changed.codes;
  row.unit.diff = changed.diff;
  row.sourceChanged = true;
}

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
  const rowsRef = useRef<Row[] | null>(null);
  rowsRef.current ??= initialRows(state);
  const rows = rowsRef.current;
  const [, setTick] = useState(0);
  const refresh = (): void => setTick((n) => n + 1);
  const [progress, setProgress] = useState<ProgressState>(state.progress);
  const [others, setOthers] = useState(state.others);
  const [filter, setFilter] = useState<Filter>('all');
  const [translation, setTranslation] = useState(state.translation);
  const [publishing, setPublishing] = useState(false);
  const [publishMessage, setPublishMessage] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const textareas = useRef(new Map<string, HTMLTextAreaElement>());
  const inFlight = useRef(new Set<string>());
  const base = apiBase(state.postId, state.target.tag);
  /** Codes in a right-to-left textarea are bidi-isolated so `{/1}` reads as typed. */
  const rtl = state.target.dir === 'rtl';
  const numbers = useMemo(() => new Intl.NumberFormat(state.uiLang), [state.uiLang]);

  const context: RowContext = {
    messages: m,
    source: state.source,
    target: state.target,
    canReview: state.canReview,
    canTranslate: state.canTranslate,
    published: translation.status === 'published',
  };

  const clearTimer = (row: Row): void => {
    const timer = timers.current.get(row.unit.unitId);
    if (timer !== undefined) clearTimeout(timer);
    timers.current.delete(row.unit.unitId);
  };

  /** Checks the row's text with the server's rules; the tagged text, or null (problems shown). */
  const checked = (row: Row): string | null => {
    const tagged = fromShorthand(row.text);
    const problems = checkTarget(sourceUnit(row), tagged);
    if (problems.length === 0) return tagged;
    row.status = 'invalid';
    row.problems = problems.map((p) => shorthandMessage(p.message));
    return null;
  };

  /**
   * Saves a row. `explicit` (Ctrl+Enter, the button) also saves unchanged text of an outdated
   * or draft row, marking it translated. Resolves true when the row is saved afterwards.
   */
  const save = async (row: Row, explicit = false): Promise<boolean> => {
    clearTimer(row);
    if (row.conflict || !state.canTranslate) return false;
    if (row.text === row.savedText) {
      // Nothing new to send, unless an explicit save marks a draft or outdated text translated.
      const marks =
        explicit && row.text !== '' && (row.state === 'draft' || row.state === 'outdated');
      if (!marks) return true;
    }
    if (inFlight.current.has(row.unit.unitId)) return false;
    const tagged = checked(row);
    if (tagged === null) {
      refresh();
      return false;
    }
    const sent = row.text;
    row.status = 'saving';
    row.problems = [];
    inFlight.current.add(row.unit.unitId);
    refresh();
    const result = await saveUnit(base, csrf, row.unit.unitId, {
      text: tagged,
      version: row.version,
      sourceRevision: row.unit.sourceRevision,
      state: 'translated',
    });
    inFlight.current.delete(row.unit.unitId);
    switch (result.kind) {
      case 'saved':
        row.version = result.target.version;
        row.state = result.target.state;
        row.mine = result.target.translatedBy === state.userId;
        row.reviewedByMe = false;
        row.savedText = sent;
        row.status = row.text === sent ? 'saved' : 'dirty';
        adoptSource(row, result.changedSource);
        setProgress(result.progress);
        if (row.status === 'dirty') schedule(row);
        break;
      case 'pending':
        row.savedText = sent;
        row.status = row.text === sent ? 'pending' : 'dirty';
        adoptSource(row, result.changedSource);
        setProgress(result.progress);
        if (row.status === 'dirty') schedule(row);
        break;
      case 'conflict':
        row.conflict = result.theirs;
        row.status = 'conflict';
        setAnnouncement(m.conflictTitle);
        break;
      case 'invalid':
        row.status = 'invalid';
        row.problems = (result.problems.length > 0 ? result.problems : [result.message]).map(
          shorthandMessage,
        );
        break;
      case 'limited':
        // Kept here and sent again once the server's limit allows it.
        row.status = 'error';
        row.error = result.message;
        clearTimer(row);
        timers.current.set(
          row.unit.unitId,
          setTimeout(() => void save(row), result.retryAfter * 1000),
        );
        break;
      case 'error':
        row.status = 'error';
        row.error = result.message;
        break;
      case 'network':
        row.status = 'network';
        break;
    }
    refresh();
    return result.kind === 'saved';
  };

  const schedule = (row: Row): void => {
    clearTimer(row);
    timers.current.set(
      row.unit.unitId,
      setTimeout(() => void save(row), IDLE_SAVE_MS),
    );
  };

  const focusRow = (index: number | null): void => {
    if (index === null) return;
    const row = rows[index];
    const element = row ? textareas.current.get(row.unit.unitId) : undefined;
    element?.focus();
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const move = (row: Row, step: 1 | -1): void => {
    const facts = rows.map((r) => ({ state: r.state, mine: r.mine }));
    focusRow(nextNeedingWork(facts, rows.indexOf(row), step, filter));
  };

  const insert = (row: Row, id: string): void => {
    const code = row.unit.codes[id];
    const element = textareas.current.get(row.unit.unitId);
    if (!code || !element) return;
    const edit = insertCode(
      {
        value: row.text,
        selectionStart: element.selectionStart,
        selectionEnd: element.selectionEnd,
      },
      id,
      code.kind,
      rtl,
    );
    element.value = edit.value;
    element.focus();
    element.setSelectionRange(edit.selectionStart, edit.selectionEnd);
    actions.onInput(row, edit.value);
  };

  const actions: RowActions = {
    onInput(row, value) {
      row.text = value;
      if (!row.conflict) {
        row.status = value === row.savedText ? 'saved' : 'dirty';
        row.problems = [];
        schedule(row);
      }
      refresh();
    },
    onBlur(row) {
      if (row.text !== row.savedText) void save(row);
    },
    onKeyDown(row, event: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>) {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        actions.saveAndNext(row);
      } else if (
        event.altKey &&
        !event.ctrlKey &&
        !event.metaKey &&
        (event.key === 'ArrowDown' || event.key === 'ArrowUp')
      ) {
        event.preventDefault();
        move(row, event.key === 'ArrowDown' ? 1 : -1);
      } else if (
        event.altKey &&
        !event.ctrlKey &&
        !event.metaKey &&
        /^Digit[1-9]$/.test(event.code)
      ) {
        const id = event.code.slice(5);
        if (row.unit.codes[id]) {
          event.preventDefault();
          insert(row, id);
        }
      }
    },
    insert,
    saveAndNext(row) {
      void save(row, true).then((ok) => {
        if (ok) move(row, 1);
      });
    },
    keepMine(row) {
      if (!row.conflict) return;
      row.version = row.conflict.version;
      row.state = row.conflict.state;
      row.conflict = null;
      row.status = 'dirty';
      void save(row, true);
    },
    useTheirs(row) {
      const theirs = row.conflict;
      if (!theirs) return;
      row.text = toShorthand(theirs.text, rtl);
      row.savedText = row.text;
      row.version = theirs.version;
      row.state = theirs.state;
      row.mine = theirs.translatedBy === state.userId;
      row.conflict = null;
      row.status = 'saved';
      row.problems = [];
      refresh();
    },
    approve(row) {
      void review(row, 'approve');
    },
    openSendBack(row, open) {
      row.sendingBack = open;
      row.reviewError = '';
      refresh();
    },
    onComment(row, value) {
      row.comment = value;
      refresh();
    },
    sendBack(row) {
      void review(row, 'send_back');
    },
    accept(row, candidateId) {
      void decide(row, candidateId, 'accept');
    },
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
    reject(row, candidateId) {
      void decide(row, candidateId, 'reject');
    },
    textareaRef(unitId, element) {
      if (element) textareas.current.set(unitId, element);
      else textareas.current.delete(unitId);
    },
  };

  const review = async (row: Row, action: 'approve' | 'send_back'): Promise<void> => {
    const comment = row.comment.trim();
    const result = await reviewUnit(base, csrf, row.unit.unitId, {
      version: row.version,
      action,
      ...(action === 'send_back' ? { comment } : {}),
    });
    if (result.kind === 'reviewed') {
      row.state = result.state;
      row.version = result.version;
      row.reviewedByMe = action === 'approve';
      row.sendingBack = false;
      row.comment = '';
      row.reviewError = '';
      setProgress(result.progress);
      if (result.published) {
        const slug = result.slug ?? translation.slug;
        const path = postPath({
          language: state.target.tag,
          slug,
          publishedAt: state.postPublishedAt,
        });
        setTranslation({ status: 'published', slug, path });
        setPublishMessage(m.published);
      }
    } else {
      row.reviewError =
        result.kind === 'network'
          ? m.statusNetwork
          : [result.message, ...result.problems].join(' ');
    }
    refresh();
  };

  /** A reviewer accepts or rejects a pending proposal of the row. */
  const decide = async (row: Row, candidateId: string, action: 'accept' | 'reject') => {
    const comment = row.rejectComment.trim();
    const result = await decideCandidate(
      base,
      csrf,
      candidateId,
      action === 'accept'
        ? { action, version: row.version }
        : { action, ...(comment ? { comment } : {}) },
    );
    if (result.kind === 'accepted' || result.kind === 'rejected') {
      row.unit.candidates = row.unit.candidates.filter((c) => c.id !== candidateId);
      row.rejecting = null;
      row.reviewError = '';
      if (result.kind === 'accepted') {
        const unchanged = row.text === row.savedText;
        row.version = result.target.version;
        row.state = result.target.state;
        row.mine = result.target.translatedBy === state.userId;
        row.reviewedByMe = true;
        row.savedText = toShorthand(result.target.text, rtl);
        if (unchanged) {
          row.text = row.savedText;
          row.status = 'saved';
        }
        setProgress(result.progress);
      }
    } else {
      row.reviewError =
        result.kind === 'network'
          ? m.statusNetwork
          : [result.message, ...result.problems].join(' ');
    }
    refresh();
  };

  const onPublish = async (): Promise<void> => {
    setPublishing(true);
    setPublishMessage('');
    const result = await publish(base, csrf);
    setPublishing(false);
    if (result.ok) {
      const path = postPath({
        language: state.target.tag,
        slug: result.slug,
        publishedAt: state.postPublishedAt,
      });
      setTranslation({ status: 'published', slug: result.slug, path });
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
    const flush = (): void => {
      for (const row of rows) {
        if (row.conflict || row.text === row.savedText || inFlight.current.has(row.unit.unitId))
          continue;
        const tagged = fromShorthand(row.text);
        if (checkTarget(sourceUnit(row), tagged).length > 0) continue;
        clearTimer(row);
        void saveUnit(
          base,
          csrf,
          row.unit.unitId,
          {
            text: tagged,
            version: row.version,
            sourceRevision: row.unit.sourceRevision,
            state: 'translated',
          },
          true,
        );
      }
    };
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
              <button type="button" disabled={publishing} onClick={() => void onPublish()}>
                {publishing ? m.publishing : m.publish}
              </button>
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

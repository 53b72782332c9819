/**
 * What the editor does with its rows, apart from drawing them: autosave (on blur, after 1.5 s
 * idle, and with keepalive on leaving the page), conflicts, reviews, decisions about
 * proposals, suggestions (loaded when a row is first focused, inserted by click or
 * Ctrl+Shift+1…5) and dismissing warnings. Text is checked with the server's own rules before
 * saving. The Editor component owns one session and re-renders when it calls `refresh`.
 */
import { checkTarget } from '../../domain/units/check.js';
import { decideCandidate, dismissFinding, fetchSuggestions, reviewUnit, saveUnit } from './api.js';
import type { Row } from './rows.js';
import { adoptSource, insertable, sourceUnit } from './rows.js';
import { fromShorthand, insertCode, shorthandMessage, toShorthand } from './shorthand.js';
import type { EditorState, ProgressState } from './state.js';

const IDLE_SAVE_MS = 1500;

/** What the session tells the component. */
export interface SessionEvents {
  refresh(): void;
  progress(progress: ProgressState): void;
  announce(message: string): void;
  /** A review published the translation (its slug). */
  published(slug: string | null): void;
  /** A message for the publishing area (why a reviewed translation was not published). */
  publishMessage(message: string): void;
}

export class EditorSession {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<string>();
  readonly textareas = new Map<string, HTMLTextAreaElement>();
  /** Codes in a right-to-left textarea are bidi-isolated so `{/1}` reads as typed. */
  readonly rtl: boolean;

  constructor(
    readonly state: EditorState,
    readonly rows: Row[],
    private readonly base: string,
    private readonly csrf: string,
    private readonly events: SessionEvents,
  ) {
    this.rtl = state.target.dir === 'rtl';
  }

  private get m() {
    return this.state.messages;
  }

  clearTimer(row: Row): void {
    const timer = this.timers.get(row.unit.unitId);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(row.unit.unitId);
  }

  schedule(row: Row, delay = IDLE_SAVE_MS): void {
    this.clearTimer(row);
    this.timers.set(
      row.unit.unitId,
      setTimeout(() => void this.save(row), delay),
    );
  }

  /** Checks the row's text with the server's rules; the tagged text, or null (problems shown). */
  private checked(row: Row): string | null {
    const tagged = fromShorthand(row.text);
    const problems = checkTarget(sourceUnit(row), tagged);
    if (problems.length === 0) return tagged;
    row.status = 'invalid';
    row.problems = problems.map((p) => shorthandMessage(p.message));
    return null;
  }

  /** The translator typed: the text waits for the idle save. */
  input(row: Row, value: string): void {
    row.text = value;
    if (value === '') row.origin = null;
    if (!row.conflict) {
      row.status = value === row.savedText ? 'saved' : 'dirty';
      row.problems = [];
      this.schedule(row);
    }
    this.events.refresh();
  }

  /**
   * Saves a row. `explicit` (Ctrl+Enter, the button) also saves unchanged text of an outdated
   * or draft row, marking it translated. Resolves true when the row is saved afterwards.
   */
  async save(row: Row, explicit = false): Promise<boolean> {
    this.clearTimer(row);
    if (row.conflict || !this.state.canTranslate) return false;
    if (row.text === row.savedText) {
      // Nothing new to send, unless an explicit save marks a draft or outdated text translated.
      const marks =
        explicit && row.text !== '' && (row.state === 'draft' || row.state === 'outdated');
      if (!marks) return true;
    }
    if (this.inFlight.has(row.unit.unitId)) return false;
    const tagged = this.checked(row);
    if (tagged === null) {
      this.events.refresh();
      return false;
    }
    const sent = row.text;
    row.status = 'saving';
    row.problems = [];
    this.inFlight.add(row.unit.unitId);
    this.events.refresh();
    const result = await saveUnit(this.base, this.csrf, row.unit.unitId, {
      text: tagged,
      version: row.version,
      sourceRevision: row.unit.sourceRevision,
      state: 'translated',
      ...(row.origin ? { origin: row.origin } : {}),
    });
    this.inFlight.delete(row.unit.unitId);
    switch (result.kind) {
      case 'saved':
      case 'pending':
        if (result.kind === 'saved') {
          row.version = result.target.version;
          row.state = result.target.state;
          row.mine = result.target.translatedBy === this.state.userId;
          row.reviewedByMe = false;
        }
        row.savedText = sent;
        row.findings = result.findings;
        row.dismissing = null;
        adoptSource(row, result.changedSource);
        row.status = row.text !== sent ? 'dirty' : result.kind === 'saved' ? 'saved' : 'pending';
        this.events.progress(result.progress);
        if (row.status === 'dirty') this.schedule(row);
        break;
      case 'conflict':
        row.conflict = result.theirs;
        row.status = 'conflict';
        this.events.announce(this.m.conflictTitle);
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
        this.schedule(row, result.retryAfter * 1000);
        break;
      case 'error':
        row.status = 'error';
        row.error = result.message;
        break;
      case 'network':
        row.status = 'network';
        break;
    }
    this.events.refresh();
    return result.kind === 'saved' || result.kind === 'pending';
  }

  /** Inserts code `id` at the caret (wrapping the selection for paired codes). */
  insertCode(row: Row, id: string): void {
    const code = row.unit.codes[id];
    const element = this.textareas.get(row.unit.unitId);
    if (!code || !element) return;
    const edit = insertCode(
      {
        value: row.text,
        selectionStart: element.selectionStart,
        selectionEnd: element.selectionEnd,
      },
      id,
      code.kind,
      this.rtl,
    );
    element.value = edit.value;
    element.focus();
    element.setSelectionRange(edit.selectionStart, edit.selectionEnd);
    this.input(row, edit.value);
  }

  /** Replaces the box's text (a suggestion, the source); it is saved like typed text. */
  private replaceText(row: Row, tagged: string): void {
    const value = toShorthand(tagged, this.rtl);
    const element = this.textareas.get(row.unit.unitId);
    if (element) {
      element.value = value;
      element.focus();
      element.setSelectionRange(value.length, value.length);
    }
    this.input(row, value);
  }

  /** Inserts suggestion `index` (0-based: memory matches first, then machine translation). */
  insertSuggestion(row: Row, index: number): void {
    if (!this.state.canTranslate || row.conflict) return;
    const item = insertable(row)[index];
    if (!item) return;
    this.replaceText(row, item.text);
    row.origin = item.origin;
    this.events.refresh();
  }

  /** Copies the original into the box, to translate around its codes. */
  copySource(row: Row): void {
    if (!this.state.canTranslate || row.conflict) return;
    this.replaceText(row, row.unit.source);
    row.origin = null;
    this.events.refresh();
  }

  /** Loads the row's suggestions the first time it is focused (again after a failure). */
  async loadSuggestions(row: Row): Promise<void> {
    if (row.suggestions.state === 'loading' || row.suggestions.state === 'ready') return;
    row.suggestions = { state: 'loading' };
    this.events.refresh();
    const answer = await fetchSuggestions(this.base, row.unit.unitId);
    row.suggestions = answer.ok
      ? { state: 'ready', view: answer.view }
      : { state: 'error', message: answer.message };
    this.events.refresh();
  }

  async review(row: Row, action: 'approve' | 'send_back'): Promise<void> {
    const comment = row.comment.trim();
    const result = await reviewUnit(this.base, this.csrf, row.unit.unitId, {
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
      this.events.progress(result.progress);
      if (result.published) this.events.published(result.slug);
      else if (result.blocked) this.events.publishMessage(result.blocked);
    } else {
      row.reviewError =
        result.kind === 'network'
          ? this.m.statusNetwork
          : [result.message, ...result.problems].join(' ');
    }
    this.events.refresh();
  }

  /** A reviewer accepts or rejects a pending proposal of the row. */
  async decide(row: Row, candidateId: string, action: 'accept' | 'reject'): Promise<void> {
    const comment = row.rejectComment.trim();
    const result = await decideCandidate(
      this.base,
      this.csrf,
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
        row.mine = result.target.translatedBy === this.state.userId;
        row.reviewedByMe = true;
        row.savedText = toShorthand(result.target.text, this.rtl);
        if (unchanged) {
          row.text = row.savedText;
          row.status = 'saved';
        }
        this.events.progress(result.progress);
      }
    } else {
      row.reviewError =
        result.kind === 'network'
          ? this.m.statusNetwork
          : [result.message, ...result.problems].join(' ');
    }
    this.events.refresh();
  }

  /** The translator says why a warning is fine; who and why are kept. */
  async dismiss(row: Row, findingId: string): Promise<void> {
    const reason = row.dismissReason.trim();
    if (!reason) return;
    const result = await dismissFinding(this.base, this.csrf, row.unit.unitId, findingId, reason);
    if (result.ok) {
      row.findings = row.findings.map((f) =>
        f.id === findingId ? { ...f, dismissed: { by: this.state.userName, reason } } : f,
      );
      row.dismissing = null;
      row.dismissReason = '';
      row.reviewError = '';
    } else {
      row.reviewError = result.message || this.m.statusNetwork;
    }
    this.events.refresh();
  }

  /** Unsaved valid text goes out with keepalive (the page is being left or hidden). */
  flush(): void {
    for (const row of this.rows) {
      if (row.conflict || row.text === row.savedText || this.inFlight.has(row.unit.unitId))
        continue;
      const tagged = fromShorthand(row.text);
      if (checkTarget(sourceUnit(row), tagged).length > 0) continue;
      this.clearTimer(row);
      void saveUnit(
        this.base,
        this.csrf,
        row.unit.unitId,
        {
          text: tagged,
          version: row.version,
          sourceRevision: row.unit.sourceRevision,
          state: 'translated',
          ...(row.origin ? { origin: row.origin } : {}),
        },
        true,
      );
    }
  }
}

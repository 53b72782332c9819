/** What every part of an editor row is given: the shared context and the actions it may call. */
import type { JSX } from 'preact';
import type { Row } from './rows.js';
import type { EditorState, LanguageView, MessageName } from './state.js';

export interface RowContext {
  messages: Record<MessageName, string>;
  /** The interface language (dates and numbers). */
  uiLang: string;
  plurals: EditorState['plurals'];
  source: LanguageView;
  target: LanguageView;
  canReview: boolean;
  canTranslate: boolean;
  /** Readers see the translation: units change through proposals, not send-backs. */
  published: boolean;
}

export interface RowActions {
  onInput(row: Row, value: string): void;
  onBlur(row: Row): void;
  onKeyDown(row: Row, event: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>): void;
  insert(row: Row, id: string): void;
  saveAndNext(row: Row): void;
  keepMine(row: Row): void;
  useTheirs(row: Row): void;
  approve(row: Row): void;
  openSendBack(row: Row, open: boolean): void;
  onComment(row: Row, value: string): void;
  sendBack(row: Row): void;
  accept(row: Row, candidateId: string): void;
  openReject(row: Row, candidateId: string | null): void;
  onRejectComment(row: Row, value: string): void;
  reject(row: Row, candidateId: string): void;
  /** The row got focus: its suggestions load. */
  onFocus(row: Row): void;
  insertSuggestion(row: Row, index: number): void;
  copySource(row: Row): void;
  openDismiss(row: Row, findingId: string | null): void;
  onDismissReason(row: Row, value: string): void;
  dismiss(row: Row, findingId: string): void;
  textareaRef(unitId: string, element: HTMLTextAreaElement | null): void;
}

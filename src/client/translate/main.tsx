/**
 * Hydrates the translation editor (bundled to /assets/build/translate.js). The server rendered
 * the same <Editor> from the state in #editor-state; the CSRF token is in the page's meta tag.
 */
import { hydrate } from 'preact';
import { Editor } from './editor.js';
import type { EditorState } from './state.js';

/** The server wrote the state; this only guards against a page that is not ours. */
function isEditorState(value: unknown): value is EditorState {
  if (typeof value !== 'object' || value === null) return false;
  return 'postId' in value && 'units' in value && Array.isArray(value.units) && 'messages' in value;
}

function start(): void {
  const root = document.getElementById('translation-editor');
  const script = document.getElementById('editor-state');
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
  if (!root || !script?.textContent) return;
  const state: unknown = JSON.parse(script.textContent);
  if (!isEditorState(state)) return;
  hydrate(<Editor state={state} csrf={csrf} />, root);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();

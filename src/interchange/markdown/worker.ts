/**
 * The worker thread's side of the content format (see pool.ts): parses Markdown, renders a
 * document or analyses text for the search index, and answers limits as values, since a class
 * does not survive the trip between threads. This file is the entry of a bundle (esbuild),
 * never imported by the main thread.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Root } from 'mdast';
import { DomainError } from '../../domain/errors.js';
import { analyzeSearchText } from '../../domain/search-text.js';
import type { MediaInfo, SearchAnalysisInput } from '../../services/ports.js';
import type { SearchAnalysis } from '../../services/ports/search.repository.js';
import type { ContentLimits, LimitProblem } from './limits.js';
import { parseMarkdown } from './parse.js';
import { renderDocument } from './render.js';

/** A job for the worker; `started` is told when the work begins, which starts its clock. */
export type WorkerTask =
  | { kind: 'parse'; markdown: string; limits: ContentLimits; started: MessagePort }
  | {
      kind: 'render';
      root: Root;
      media: Record<string, MediaInfo>;
      started: MessagePort;
    }
  | { kind: 'search'; text: SearchAnalysisInput; started: MessagePort };

/** The worker's answer: the value, or the limit the input broke. */
export type WorkerAnswer =
  | { ok: true; root: Root }
  | { ok: true; html: string }
  | { ok: true; search: SearchAnalysis }
  | { ok: false; problem: LimitProblem };

/** What the search repository stores besides the text (src/domain/search-text.ts). */
function analyzeForSearch({ kind, language, title, body }: SearchAnalysisInput): SearchAnalysis {
  return analyzeSearchText(kind, language, title, body);
}

function work(task: WorkerTask): WorkerAnswer {
  if (task.kind === 'parse') return { ok: true, root: parseMarkdown(task.markdown, task.limits) };
  if (task.kind === 'search') return { ok: true, search: analyzeForSearch(task.text) };
  const media = new Map(Object.entries(task.media));
  return { ok: true, html: renderDocument(task.root, { media: (id) => media.get(id) }) };
}

/** Piscina calls this for every task. */
export default function run(task: WorkerTask): WorkerAnswer {
  task.started.postMessage('started');
  task.started.close();
  try {
    return work(task);
  } catch (error) {
    if (
      error instanceof DomainError &&
      (error.code === 'too_complex' || error.code === 'payload_too_large')
    ) {
      return {
        ok: false,
        problem: { code: error.code, message: error.problems[0]?.message ?? error.message },
      };
    }
    // The tree checks keep the parser's own recursion shallow; this is the last resort.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return {
        ok: false,
        problem: { code: 'too_complex', message: 'The text is nested too deeply to process' },
      };
    }
    throw error;
  }
}

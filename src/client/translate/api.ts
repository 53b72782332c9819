/**
 * The editor's calls to the JSON API (translate-api.routes.ts). Every write sends the CSRF
 * token in `x-csrf-token`. Answers are checked at run time before use: the server is trusted
 * but a proxy's HTML error page is not JSON.
 */
import type { ProgressState, TargetState } from './state.js';

export interface SavedTarget {
  text: string;
  state: TargetState;
  version: number;
  translatedBy: string | null;
}

export type SaveResult =
  | { kind: 'saved'; target: SavedTarget; progress: ProgressState }
  | { kind: 'conflict'; message: string; theirs: SavedTarget }
  | { kind: 'invalid'; message: string; problems: string[] }
  | { kind: 'error'; message: string }
  | { kind: 'network' };

export type ReviewResult =
  | {
      kind: 'reviewed';
      state: TargetState;
      version: number;
      progress: ProgressState;
      published: boolean;
      /** The translation's slug once it is published (the server may rename it then). */
      slug: string | null;
    }
  | { kind: 'error'; message: string; problems: string[] }
  | { kind: 'network' };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STATES = new Set<string>(['untranslated', 'draft', 'translated', 'reviewed', 'outdated']);

function asState(value: unknown): TargetState {
  return typeof value === 'string' && STATES.has(value) ? (value as TargetState) : 'draft';
}

function asTarget(value: unknown): SavedTarget | null {
  if (!isObject(value) || typeof value.text !== 'string' || typeof value.version !== 'number')
    return null;
  return {
    text: value.text,
    state: asState(value.state),
    version: value.version,
    translatedBy: typeof value.translatedBy === 'string' ? value.translatedBy : null,
  };
}

function asProgress(value: unknown): ProgressState | null {
  if (!isObject(value)) return null;
  const { total, translated, reviewed, outdated, completion } = value;
  if (
    typeof total !== 'number' ||
    typeof translated !== 'number' ||
    typeof reviewed !== 'number' ||
    typeof outdated !== 'number' ||
    typeof completion !== 'number'
  )
    return null;
  return { total, translated, reviewed, outdated, completion };
}

function messageOf(body: unknown, status: number): string {
  return isObject(body) && typeof body.message === 'string' ? body.message : `HTTP ${status}`;
}

function problemsOf(body: unknown): string[] {
  if (!isObject(body) || !Array.isArray(body.problems)) return [];
  return body.problems.flatMap((p: unknown) =>
    isObject(p) && typeof p.message === 'string' ? [p.message] : [],
  );
}

/** The API base of one translation: `/api/translate/<post>/<lang>`. */
export function apiBase(postId: string, lang: string): string {
  return `/api/translate/${encodeURIComponent(postId)}/${encodeURIComponent(lang)}`;
}

async function send(
  url: string,
  method: 'PUT' | 'POST',
  csrf: string,
  body: Json,
  keepalive = false,
): Promise<{ status: number; body: unknown } | null> {
  try {
    const response = await fetch(url, {
      method,
      credentials: 'same-origin',
      keepalive,
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': csrf,
        accept: 'application/json',
      },
      body: JSON.stringify(body),
    });
    const parsed: unknown = await response.json().catch(() => null);
    return { status: response.status, body: parsed };
  } catch {
    return null;
  }
}

/** Saves a unit's tagged text on top of `version`. */
export async function saveUnit(
  base: string,
  csrf: string,
  unitId: string,
  input: { text: string; version: number; state: 'draft' | 'translated' },
  keepalive = false,
): Promise<SaveResult> {
  const answer = await send(
    `${base}/units/${encodeURIComponent(unitId)}`,
    'PUT',
    csrf,
    input,
    keepalive,
  );
  if (answer === null) return { kind: 'network' };
  const { status, body } = answer;
  if (status === 200 && isObject(body)) {
    const target = asTarget(body.target);
    const progress = asProgress(body.progress);
    if (target && progress) return { kind: 'saved', target, progress };
  }
  if (status === 409 && isObject(body)) {
    const theirs = asTarget(body.theirs);
    if (theirs) return { kind: 'conflict', message: messageOf(body, status), theirs };
  }
  if (status === 422)
    return { kind: 'invalid', message: messageOf(body, status), problems: problemsOf(body) };
  return { kind: 'error', message: messageOf(body, status) };
}

/** Approves a unit or sends it back with a comment. */
export async function reviewUnit(
  base: string,
  csrf: string,
  unitId: string,
  input: { version: number; action: 'approve' | 'send_back'; comment?: string },
): Promise<ReviewResult> {
  const answer = await send(
    `${base}/units/${encodeURIComponent(unitId)}/review`,
    'POST',
    csrf,
    input,
  );
  if (answer === null) return { kind: 'network' };
  const { status, body } = answer;
  if (status === 200 && isObject(body)) {
    const target = isObject(body.target) ? body.target : null;
    const progress = asProgress(body.progress);
    if (target && typeof target.version === 'number' && progress) {
      return {
        kind: 'reviewed',
        state: asState(target.state),
        version: target.version,
        progress,
        published: body.published === true,
        slug: typeof body.slug === 'string' ? body.slug : null,
      };
    }
  }
  return { kind: 'error', message: messageOf(body, status), problems: problemsOf(body) };
}

/** Publishes the translation; the server says why not when it refuses. */
export async function publish(
  base: string,
  csrf: string,
): Promise<
  { ok: true; slug: string; publishedAt: string | null } | { ok: false; message: string }
> {
  const answer = await send(`${base}/publish`, 'POST', csrf, {});
  if (answer === null) return { ok: false, message: '' };
  const { status, body } = answer;
  if (status === 200 && isObject(body) && typeof body.slug === 'string') {
    return {
      ok: true,
      slug: body.slug,
      publishedAt: typeof body.publishedAt === 'string' ? body.publishedAt : null,
    };
  }
  return { ok: false, message: messageOf(body, status) };
}

/** Says "I am here"; returns how many others are, or null when the server could not be reached. */
export async function heartbeat(base: string, csrf: string): Promise<number | null> {
  const answer = await send(`${base}/presence`, 'POST', csrf, {});
  if (answer === null || !isObject(answer.body) || typeof answer.body.others !== 'number')
    return null;
  return answer.body.others;
}

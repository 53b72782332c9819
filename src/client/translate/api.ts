/**
 * The editor's calls to the JSON API (translate-api.routes.ts). Every write sends the CSRF
 * token in `x-csrf-token`. Answers are checked at run time before use: the server is trusted
 * but a proxy's HTML error page is not JSON.
 */
import type { DiffPart } from '../../domain/alignment/types.js';
import { isTargetState } from '../../domain/targets.js';
import type {
  CodeState,
  FindingView,
  MachineState,
  ProgressState,
  SuggestionsView,
  TargetState,
} from './state.js';

/** Where a saved text started: a memory match or a machine translation (sent with saves). */
export type SaveOrigin =
  { kind: 'memory'; text: string; score: number } | { kind: 'machine'; engine: string };

export interface SavedTarget {
  text: string;
  state: TargetState;
  version: number;
  translatedBy: string | null;
}

/** The current source of a unit that changed while the translator worked on it. */
export interface ChangedSource {
  source: string;
  sourceRevision: number;
  codes: Record<string, CodeState>;
  diff: DiffPart[];
}

export type SaveResult =
  | {
      kind: 'saved';
      target: SavedTarget;
      progress: ProgressState;
      changedSource: ChangedSource | null;
      findings: FindingView[];
    }
  | {
      kind: 'pending';
      candidate: { id: string; text: string; createdAt: string };
      progress: ProgressState;
      changedSource: ChangedSource | null;
      findings: FindingView[];
    }
  | { kind: 'conflict'; message: string; theirs: SavedTarget }
  | { kind: 'invalid'; message: string; problems: string[] }
  /** Too many saves in a short time: the message says so; try again after `retryAfter` s. */
  | { kind: 'limited'; message: string; retryAfter: number }
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
      /** Why a fully reviewed translation was not published. */
      blocked: string | null;
    }
  | { kind: 'error'; message: string; problems: string[] }
  | { kind: 'network' };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asState(value: unknown): TargetState | null {
  return typeof value === 'string' && isTargetState(value) ? value : null;
}

function asDiff(value: unknown): DiffPart[] | null {
  if (!Array.isArray(value)) return null;
  const parts: DiffPart[] = [];
  for (const part of value as unknown[]) {
    if (!isObject(part) || typeof part.text !== 'string') return null;
    const kind = part.kind;
    if (kind !== 'same' && kind !== 'added' && kind !== 'removed') return null;
    parts.push({ kind, text: part.text });
  }
  return parts;
}

function asCodes(value: unknown): Record<string, CodeState> | null {
  if (!isObject(value)) return null;
  const codes: Record<string, CodeState> = {};
  for (const [id, code] of Object.entries(value)) {
    if (!isObject(code) || typeof code.label !== 'string') return null;
    if (code.kind !== 'pc' && code.kind !== 'ph') return null;
    codes[id] = { kind: code.kind, label: code.label };
  }
  return codes;
}

function asFindings(value: unknown): FindingView[] {
  if (!Array.isArray(value)) return [];
  return (value as unknown[]).flatMap((f): FindingView[] => {
    if (!isObject(f) || typeof f.id !== 'string' || typeof f.message !== 'string') return [];
    const dismissed = isObject(f.dismissed) ? f.dismissed : null;
    return [
      {
        id: f.id,
        check: typeof f.check === 'string' ? f.check : '',
        message: f.message,
        dismissed:
          dismissed && typeof dismissed.by === 'string' && typeof dismissed.reason === 'string'
            ? { by: dismissed.by, reason: dismissed.reason }
            : null,
      },
    ];
  });
}

function asMachineState(value: unknown): MachineState {
  if (!isObject(value)) return { state: 'disabled' };
  const engine = typeof value.engine === 'string' ? value.engine : '';
  if (value.state === 'ready' && engine) return { state: 'ready', engine };
  if (value.state === 'paused' && engine && typeof value.until === 'string')
    return {
      state: 'paused',
      engine,
      until: value.until,
      reason: typeof value.reason === 'string' ? value.reason : '',
    };
  return { state: 'disabled' };
}

function asSuggestions(value: unknown): SuggestionsView | null {
  if (!isObject(value) || !Array.isArray(value.memory)) return null;
  const memory = (value.memory as unknown[]).flatMap((m): SuggestionsView['memory'] => {
    if (!isObject(m) || typeof m.text !== 'string' || typeof m.score !== 'number') return [];
    return [
      {
        score: m.score,
        inContext: m.inContext === true,
        text: m.text,
        codesMapped: m.codesMapped !== false,
        uses: typeof m.uses === 'number' ? m.uses : 1,
        originLabel: typeof m.originLabel === 'string' ? m.originLabel : '',
        diff: asDiff(m.diff) ?? [],
      },
    ];
  });
  const machine =
    isObject(value.machine) &&
    typeof value.machine.text === 'string' &&
    typeof value.machine.engine === 'string'
      ? {
          engine: value.machine.engine,
          label:
            typeof value.machine.label === 'string' ? value.machine.label : value.machine.engine,
          text: value.machine.text,
          codesPlaced: value.machine.codesPlaced !== false,
        }
      : null;
  return {
    memory,
    memoryComplete: value.memoryComplete !== false,
    machine,
    machineState: asMachineState(value.machineState),
    machineError: typeof value.machineError === 'string' ? value.machineError : null,
  };
}

/** The suggestions of one unit (memory, machine translation). */
export async function fetchSuggestions(
  base: string,
  unitId: string,
): Promise<{ ok: true; view: SuggestionsView } | { ok: false; message: string }> {
  try {
    const response = await fetch(`${base}/units/${encodeURIComponent(unitId)}/suggestions`, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    const body: unknown = await response.json().catch(() => null);
    const view = response.status === 200 ? asSuggestions(body) : null;
    return view ? { ok: true, view } : { ok: false, message: messageOf(body, response.status) };
  } catch {
    return { ok: false, message: '' };
  }
}

/** Dismisses a quality warning with the translator's reason. */
export async function dismissFinding(
  base: string,
  csrf: string,
  unitId: string,
  findingId: string,
  reason: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const answer = await send(
    `${base}/units/${encodeURIComponent(unitId)}/findings/${encodeURIComponent(findingId)}/dismiss`,
    'POST',
    csrf,
    { reason },
  );
  if (answer === null) return { ok: false, message: '' };
  return answer.status === 200
    ? { ok: true }
    : { ok: false, message: messageOf(answer.body, answer.status) };
}

function asChangedSource(value: unknown): ChangedSource | null {
  if (!isObject(value) || typeof value.source !== 'string') return null;
  if (typeof value.sourceRevision !== 'number') return null;
  const codes = asCodes(value.codes);
  const diff = asDiff(value.diff);
  return codes && diff
    ? { source: value.source, sourceRevision: value.sourceRevision, codes, diff }
    : null;
}

function asTarget(value: unknown): SavedTarget | null {
  if (!isObject(value) || typeof value.text !== 'string' || typeof value.version !== 'number')
    return null;
  const state = asState(value.state);
  if (state === null) return null;
  return {
    text: value.text,
    state,
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
): Promise<{ status: number; body: unknown; retryAfter: number | null } | null> {
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
    const retry = Number(response.headers.get('retry-after'));
    return {
      status: response.status,
      body: parsed,
      retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null,
    };
  } catch {
    return null;
  }
}

/** Saves a unit's tagged text on top of `version`, made against `sourceRevision`. */
export async function saveUnit(
  base: string,
  csrf: string,
  unitId: string,
  input: {
    text: string;
    version: number;
    sourceRevision: number;
    state: 'draft' | 'translated';
    origin?: SaveOrigin;
  },
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
    const progress = asProgress(body.progress);
    const changedSource = asChangedSource(body.changedSource);
    const candidate = isObject(body.candidate) ? body.candidate : null;
    if (body.outcome === 'pending' && candidate && progress) {
      const { id, text, createdAt } = candidate;
      if (typeof id === 'string' && typeof text === 'string' && typeof createdAt === 'string')
        return {
          kind: 'pending',
          candidate: { id, text, createdAt },
          progress,
          changedSource,
          findings: asFindings(body.findings),
        };
    }
    const target = asTarget(body.target);
    if (body.outcome === 'saved' && target && progress)
      return {
        kind: 'saved',
        target,
        progress,
        changedSource,
        findings: asFindings(body.findings),
      };
  }
  if (status === 409 && isObject(body)) {
    const theirs = asTarget(body.theirs);
    if (theirs) return { kind: 'conflict', message: messageOf(body, status), theirs };
  }
  if (status === 422)
    return { kind: 'invalid', message: messageOf(body, status), problems: problemsOf(body) };
  if (status === 429)
    return {
      kind: 'limited',
      message: messageOf(body, status),
      retryAfter: answer.retryAfter ?? 60,
    };
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
    const state = target ? asState(target.state) : null;
    if (target && state && typeof target.version === 'number' && progress) {
      return {
        kind: 'reviewed',
        state,
        version: target.version,
        progress,
        published: body.published === true,
        slug: typeof body.slug === 'string' ? body.slug : null,
        blocked: typeof body.blocked === 'string' ? body.blocked : null,
      };
    }
  }
  return { kind: 'error', message: messageOf(body, status), problems: problemsOf(body) };
}

export type DecisionResult =
  | { kind: 'accepted'; target: SavedTarget; progress: ProgressState }
  | { kind: 'rejected' }
  | { kind: 'error'; message: string; problems: string[] }
  | { kind: 'network' };

/**
 * Accepts a pending proposal (`version`: the live text's version the reviewer compared it
 * with) or rejects it with an optional comment.
 */
export async function decideCandidate(
  base: string,
  csrf: string,
  candidateId: string,
  input: { action: 'accept'; version: number } | { action: 'reject'; comment?: string },
): Promise<DecisionResult> {
  const { action, ...body } = input;
  const answer = await send(
    `${base}/candidates/${encodeURIComponent(candidateId)}/${action}`,
    'POST',
    csrf,
    body,
  );
  if (answer === null) return { kind: 'network' };
  const { status, body: reply } = answer;
  if (status === 200 && isObject(reply)) {
    if (action === 'reject') return { kind: 'rejected' };
    const target = asTarget(reply.target);
    const progress = asProgress(reply.progress);
    if (target && progress) return { kind: 'accepted', target, progress };
  }
  return { kind: 'error', message: messageOf(reply, status), problems: problemsOf(reply) };
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

/**
 * When a translation may be published (a site setting an administrator changes at
 * /admin/settings). A published translation keeps showing the source, with its own
 * `lang`/`dir`, for units that are not translated yet.
 */
export interface PublicationPolicy {
  /** Share of units that must be translated, in percent (0–100; default 100). */
  minCompletion: number;
  /**
   * Every translated unit must be reviewed before publication (default true); an editor may
   * still publish a translation whose translated units are partly reviewed.
   */
  requireReview: boolean;
  /** Editors may publish at any completion, below `minCompletion` (default false). */
  editorsAnyCompletion: boolean;
}

export const DEFAULT_PUBLICATION_POLICY: Readonly<PublicationPolicy> = Object.freeze({
  minCompletion: 100,
  requireReview: true,
  editorsAnyCompletion: false,
});

/** The counts the policy looks at (a translation's progress). */
export interface PublicationCounts {
  /** Units of the published source. */
  total: number;
  /** Units translated or reviewed (outdated ones do not count). */
  translated: number;
  /** Units reviewed. */
  reviewed: number;
}

/**
 * Why a translation may not be published yet, with the numbers a message needs:
 *  - `empty`: the source has no units (nothing to publish);
 *  - `incomplete`: `more` segments must still be translated to reach `required` of `total`
 *    (the policy's `minCompletion` %);
 *  - `unreviewed`: `unreviewed` translated segments are not reviewed yet (an editor may
 *    publish them so).
 */
export type PublicationProblem =
  | { kind: 'empty' }
  | {
      kind: 'incomplete';
      more: number;
      required: number;
      total: number;
      /** The share asked for, or null when the editor may publish at any completion. */
      minCompletion: number | null;
    }
  | { kind: 'unreviewed'; unreviewed: number; total: number };

/**
 * The fewest translated units out of `total` that reach `minCompletion` % — counted, never
 * rounded up to the threshold (11 of 20 is 55 %, 54.5 % is not 55 %) — and at least one.
 */
export function unitsRequired(total: number, minCompletion: number): number {
  const percent = Math.min(100, Math.max(0, minCompletion));
  const wanted = total * percent; // compared with translated × 100, exactly for integers
  let required = Math.ceil(wanted / 100);
  while (required > 0 && (required - 1) * 100 >= wanted) required--;
  while (required * 100 < wanted) required++;
  return Math.max(1, Math.min(required, total));
}

/**
 * The one rule for publishing a translation (the publish service enforces it; the editor's
 * publish button follows it). A reviewer publishes once `minCompletion` % of the units are
 * translated and — when the site requires review — every translated unit is reviewed. An
 * editor publishes translated units partly reviewed, and at any completion (one unit at
 * least) when the site lets editors do so. Null when the translation may be published; the
 * machine-translation limit is checked apart (it needs the texts).
 */
export function publicationProblem(
  progress: PublicationCounts,
  policy: Readonly<PublicationPolicy>,
  isEditor: boolean,
): PublicationProblem | null {
  const { total, translated, reviewed } = progress;
  if (total === 0) return { kind: 'empty' };
  const anyCompletion = isEditor && policy.editorsAnyCompletion;
  const required = anyCompletion ? 1 : unitsRequired(total, policy.minCompletion);
  if (translated < required)
    return {
      kind: 'incomplete',
      more: required - translated,
      required,
      total,
      minCompletion: anyCompletion ? null : policy.minCompletion,
    };
  if (!isEditor && policy.requireReview && reviewed < translated)
    return { kind: 'unreviewed', unreviewed: translated - reviewed, total };
  return null;
}

/** The problem in words (service error messages are English, shown as written). */
export function describePublicationProblem(problem: PublicationProblem): string {
  const segments = (n: number) => `${n} segment${n === 1 ? '' : 's'}`;
  switch (problem.kind) {
    case 'empty':
      return 'This post has no segments to translate';
    case 'incomplete':
      if (problem.minCompletion === null) return 'Translate at least one segment first';
      return problem.required === problem.total
        ? `${problem.more} of ${problem.total} segments are not translated yet`
        : `${problem.more} more ${problem.more === 1 ? 'segment' : 'segments'} must be translated ` +
            `first: this site publishes translations from ${problem.minCompletion} % of their ` +
            `segments (${problem.required} of ${problem.total})`;
    case 'unreviewed':
      return (
        `${segments(problem.unreviewed)} still need${problem.unreviewed === 1 ? 's' : ''} review; ` +
        `an editor can publish a translation whose translated segments are partly reviewed`
      );
  }
}

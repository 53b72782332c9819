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

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PUBLICATION_POLICY,
  describePublicationProblem,
  publicationProblem,
  unitsRequired,
} from './publication-policy.js';
import type { PublicationPolicy, PublicationProblem } from './publication-policy.js';

const policy = (p: Partial<PublicationPolicy> = {}): PublicationPolicy => ({
  ...DEFAULT_PUBLICATION_POLICY,
  ...p,
});

describe('unitsRequired', () => {
  it.each([
    // total, minCompletion, required
    [20, 100, 20],
    [20, 55, 11],
    [20, 50, 10],
    [11, 50, 6], // 5 of 11 is 45.45 %, 6 is 54.5 %
    [3, 34, 2], // 1 of 3 is 33.3 % < 34 %
    [3, 33, 1], // 33.3 % ≥ 33 %
    [7, 1, 1],
    [7, 0, 1], // never an empty translation
    [1, 100, 1],
    [200, 99, 198],
    [10, 150, 10], // clamped to 100 %
    [10, -5, 1], // clamped to 0 %, then at least one
  ])('%i units at %i %% need %i translated', (total, min, required) => {
    expect(unitsRequired(total, min)).toBe(required);
    // The required count reaches the share; one fewer does not (beyond the floor of one).
    expect(required * 100).toBeGreaterThanOrEqual(total * Math.min(100, Math.max(0, min)));
    if (required > 1)
      expect((required - 1) * 100).toBeLessThan(total * Math.min(100, Math.max(0, min)));
  });
});

describe('publicationProblem', () => {
  type Row = [
    string,
    { total: number; translated: number; reviewed: number },
    Partial<PublicationPolicy>,
    boolean,
    PublicationProblem | null,
  ];
  const rows: Row[] = [
    // The default (100 %, review required, editors bound by completion): today's rule.
    ['default: complete and reviewed', { total: 4, translated: 4, reviewed: 4 }, {}, false, null],
    [
      'default: one unit missing',
      { total: 4, translated: 3, reviewed: 3 },
      {},
      false,
      { kind: 'incomplete', more: 1, required: 4, total: 4, minCompletion: 100 },
    ],
    [
      'default: complete, partly reviewed, reviewer',
      { total: 4, translated: 4, reviewed: 1 },
      {},
      false,
      { kind: 'unreviewed', unreviewed: 3, total: 4 },
    ],
    [
      'default: complete, partly reviewed, editor',
      { total: 4, translated: 4, reviewed: 1 },
      {},
      true,
      null,
    ],
    [
      'default: editor still needs completion',
      { total: 4, translated: 3, reviewed: 0 },
      {},
      true,
      { kind: 'incomplete', more: 1, required: 4, total: 4, minCompletion: 100 },
    ],
    // Partial publication.
    [
      '50 %: 55 % reviewed',
      { total: 20, translated: 11, reviewed: 11 },
      { minCompletion: 50 },
      false,
      null,
    ],
    [
      '50 %: 45 % is refused with the count still needed',
      { total: 20, translated: 9, reviewed: 9 },
      { minCompletion: 50 },
      false,
      { kind: 'incomplete', more: 1, required: 10, total: 20, minCompletion: 50 },
    ],
    [
      '50 %: translated units must be reviewed (reviewer)',
      { total: 20, translated: 12, reviewed: 10 },
      { minCompletion: 50 },
      false,
      { kind: 'unreviewed', unreviewed: 2, total: 20 },
    ],
    [
      '50 %: no review required',
      { total: 20, translated: 12, reviewed: 0 },
      { minCompletion: 50, requireReview: false },
      false,
      null,
    ],
    [
      '50 %: an editor publishes partly reviewed',
      { total: 20, translated: 10, reviewed: 3 },
      { minCompletion: 50 },
      true,
      null,
    ],
    [
      'editors at any completion: one unit is enough for an editor',
      { total: 20, translated: 1, reviewed: 0 },
      { editorsAnyCompletion: true },
      true,
      null,
    ],
    [
      'editors at any completion: but not nothing',
      { total: 20, translated: 0, reviewed: 0 },
      { editorsAnyCompletion: true },
      true,
      { kind: 'incomplete', more: 1, required: 1, total: 20, minCompletion: null },
    ],
    [
      'editors at any completion: reviewers keep the threshold',
      { total: 20, translated: 1, reviewed: 1 },
      { editorsAnyCompletion: true },
      false,
      { kind: 'incomplete', more: 19, required: 20, total: 20, minCompletion: 100 },
    ],
    [
      '0 %: at least one unit',
      { total: 5, translated: 0, reviewed: 0 },
      { minCompletion: 0 },
      false,
      { kind: 'incomplete', more: 1, required: 1, total: 5, minCompletion: 0 },
    ],
    ['no units at all', { total: 0, translated: 0, reviewed: 0 }, {}, true, { kind: 'empty' }],
  ];
  it.each(rows)('%s', (_name, progress, settings, isEditor, expected) => {
    expect(publicationProblem(progress, policy(settings), isEditor)).toEqual(expected);
  });

  it('does not round a share up to the threshold (54.5 % is not 55 %)', () => {
    expect(
      publicationProblem(
        { total: 11, translated: 6, reviewed: 6 },
        policy({ minCompletion: 55 }),
        false,
      ),
    ).toEqual({ kind: 'incomplete', more: 1, required: 7, total: 11, minCompletion: 55 });
  });
});

describe('describePublicationProblem', () => {
  it('names what is missing', () => {
    expect(
      describePublicationProblem({
        kind: 'incomplete',
        more: 1,
        required: 10,
        total: 20,
        minCompletion: 50,
      }),
    ).toBe(
      '1 more segment must be translated first: this site publishes translations from 50 % of their segments (10 of 20)',
    );
    expect(
      describePublicationProblem({
        kind: 'incomplete',
        more: 3,
        required: 10,
        total: 10,
        minCompletion: 100,
      }),
    ).toBe('3 of 10 segments are not translated yet');
    expect(describePublicationProblem({ kind: 'unreviewed', unreviewed: 2, total: 9 })).toMatch(
      /^2 segments still need review; an editor can publish/,
    );
    expect(describePublicationProblem({ kind: 'unreviewed', unreviewed: 1, total: 9 })).toMatch(
      /^1 segment still needs review/,
    );
  });
});

/**
 * fast-check generators of pathological Markdown: deep nesting of block quotes, lists and
 * directives; emphasis runs (`*_` floods); link, bracket and reference-definition floods; long
 * lines; directive floods (`:::`, `::x{…}`, `:x[…]`); and mixtures of all of these with
 * ordinary text. Sizes scale with `scale` (1 in CI; larger under `npm run fuzz`), and some
 * inputs are made to cross the limits on purpose.
 */
import fc from 'fast-check';

/** A repetition count: mostly small, sometimes around the limits, now and then far beyond. */
function times(scale: number, max: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 40 }) },
    { weight: 2, arbitrary: fc.integer({ min: 25, max: 45 }) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: Math.max(1, max * scale) }) },
  );
}

const word = fc.constantFrom('word', 'Nairobi', 'über', 'عربى', '10:30', 'x', '2:12:30', 'a_b');

/** Ordinary prose around the pathological parts. */
const prose = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => words.join(' '));

/** `>` and list markers nested on one line, and nested by indentation. */
export function deepNesting(scale: number): fc.Arbitrary<string> {
  const marker = fc.constantFrom('>', '> ', '- ', '* ', '+ ', '1. ', '2) ', '> - ');
  return fc.oneof(
    fc.tuple(marker, times(scale, 3000), prose).map(([m, n, text]) => `${m.repeat(n)}${text}`),
    fc
      .tuple(times(scale, 60), prose)
      .map(([n, text]) =>
        Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i)}- ${text}`).join('\n'),
      ),
    fc
      .tuple(times(scale, 400), prose)
      .map(([n, text]) =>
        Array.from({ length: n }, (_, i) => `${'>'.repeat(i)} ${text}`).join('\n'),
      ),
  );
}

/** Runs of emphasis delimiters, alone or between words, in one paragraph or many. */
export function emphasisRuns(scale: number): fc.Arbitrary<string> {
  const delimiter = fc.constantFrom('*', '_', '**', '__', '~', '~~', '*_', '_*', '***');
  return fc.oneof(
    fc.tuple(delimiter, times(scale, 4000)).map(([d, n]) => d.repeat(n)),
    fc.array(fc.oneof(delimiter, word), { maxLength: 60 * scale }).map((parts) => parts.join('')),
    fc
      .tuple(delimiter, times(scale, 300), fc.integer({ min: 1, max: 20 }))
      .map(([d, n, paragraphs]) =>
        Array.from({ length: paragraphs }, () => d.repeat(n)).join('\n\n'),
      ),
    fc.integer({ min: 1, max: 60 }).map((n) => {
      const marks = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? '*' : '_'));
      return `${marks.map((m) => `${m}a `).join('')}x${marks
        .reverse()
        .map((m) => ` a${m}`)
        .join('')}`;
    }),
  );
}

/** Links, images, nested brackets and reference definitions, many of them. */
export function linkFloods(scale: number): fc.Arbitrary<string> {
  const link = fc.constantFrom(
    '[a](https://example.org)',
    '![i](media:x)',
    '[r]',
    '[^1]',
    '<https://example.org>',
    'www.example.org',
    '[a](<b c>)',
    '[',
    ']',
    '](',
    '![',
  );
  return fc.oneof(
    fc.tuple(link, times(scale, 2000)).map(([l, n]) => l.repeat(n)),
    fc.tuple(times(scale, 2000)).map(([n]) => `${'['.repeat(n)}x${'](y)'.repeat(n)}`),
    fc
      .tuple(times(scale, 500))
      .map(([n]) =>
        [
          ...Array.from({ length: n }, (_, i) => `[r${i}]: https://example.org/${i} "t${i}"`),
          '',
          Array.from({ length: n }, (_, i) => `[x][r${i}]`).join(' '),
        ].join('\n'),
      ),
  );
}

/** One very long line, of words or of a single token. */
export function longLines(scale: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(word, times(scale, 5000)).map(([w, n]) => `${w} `.repeat(n)),
    fc
      .tuple(fc.constantFrom('a', '`', '\\', '&amp;', ':', '|', '<'), times(scale, 20_000))
      .map(([c, n]) => c.repeat(n)),
  );
}

/** Container directives left open, leaf and text directives with many attributes. */
export function directiveFloods(scale: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(times(scale, 2000)).map(([n]) => ':::note\n'.repeat(n)),
    fc
      .tuple(times(scale, 500))
      .map(([n]) => `${':::figure{alt="x"}\n'.repeat(n)}${':::\n'.repeat(n)}`),
    fc
      .tuple(fc.constantFrom('video', 'attachment', 'figure', 'x'), times(scale, 1000))
      .map(([name, n]) =>
        `::${name}{url="https://youtu.be/dQw4w9WgXcQ" media="m" alt="a"}\n`.repeat(n),
      ),
    fc.tuple(times(scale, 2000)).map(([n]) => ':abbr[WMF]{title="x"} '.repeat(n)),
    fc.tuple(times(scale, 2000)).map(([n]) => `::x{${'a=1 '.repeat(n)}}`),
    fc.tuple(times(scale, 1000)).map(([n]) => `::x${'['.repeat(n)}${']'.repeat(n)}`),
    fc.tuple(times(scale, 3000)).map(([n]) => 'a:b '.repeat(n)),
  );
}

/** Any of the above, several at once, with ordinary text between. */
export function pathologicalMarkdown(scale = 1): fc.Arbitrary<string> {
  const one = fc.oneof(
    deepNesting(scale),
    emphasisRuns(scale),
    linkFloods(scale),
    longLines(scale),
    directiveFloods(scale),
    prose,
  );
  return fc.oneof(
    { weight: 3, arbitrary: one },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.array(one, { minLength: 2, maxLength: 5 }), fc.constantFrom('\n', '\n\n', ' '))
        .map(([parts, separator]) => parts.join(separator)),
    },
  );
}

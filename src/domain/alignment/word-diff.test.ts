import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripCodes } from './text.js';
import { wordDiff } from './word-diff.js';

const join = (parts: ReturnType<typeof wordDiff>, drop: 'added' | 'removed') =>
  parts
    .filter((p) => p.kind !== drop)
    .map((p) => p.text)
    .join('');

describe('wordDiff', () => {
  it('shows the changed word as removed then added and keeps the spaces', () => {
    expect(wordDiff('The quick brown fox', 'The quick red fox')).toEqual([
      { kind: 'same', text: 'The quick ' },
      { kind: 'removed', text: 'brown' },
      { kind: 'added', text: 'red' },
      { kind: 'same', text: ' fox' },
    ]);
  });

  it('strips codes and decodes entities', () => {
    expect(
      wordDiff('Read <pc id="1">this</pc> &amp; that', 'Read <pc id="1">these</pc> &amp; that'),
    ).toEqual([
      { kind: 'same', text: 'Read ' },
      { kind: 'removed', text: 'this' },
      { kind: 'added', text: 'these' },
      { kind: 'same', text: ' & that' },
    ]);
  });

  it('diffs scripts without spaces by word, not by whole run', () => {
    const parts = wordDiff('我们明天去北京', '我们今天去北京');
    expect(parts[0]).toEqual({ kind: 'same', text: '我们' });
    expect(parts.at(-1)?.kind).toBe('same');
  });

  it('is empty for two empty texts and all-added from nothing', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'new words')).toEqual([{ kind: 'added', text: 'new words' }]);
  });

  it('loses nothing: same + removed rebuild before, same + added rebuild after', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const parts = wordDiff(a, b);
        expect(join(parts, 'added')).toBe(stripCodes(a));
        expect(join(parts, 'removed')).toBe(stripCodes(b));
        parts.forEach((p, i) => expect(p.kind).not.toBe(parts[i + 1]?.kind));
      }),
    );
  });
});

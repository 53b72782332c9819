import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './parse.js';
import { stringifyMarkdown } from './stringify.js';

/** Parsing what stringify wrote gives the same document: exports lose nothing. */
const roundTrips = (markdown: string) => {
  const root = parseMarkdown(markdown);
  const written = stringifyMarkdown(root);
  expect(parseMarkdown(written)).toEqual(root);
  return written;
};

describe('stringifyMarkdown', () => {
  it('writes GFM and our directives back so they parse to the same document', () => {
    roundTrips(
      [
        '# Title with *emphasis* and `code`',
        '',
        'A [link](https://example.org "t") and ~~struck~~ text, at 10:30 and 2:12:30.',
        '',
        '- [x] done',
        '- [ ] open',
        '',
        '| a | b |',
        '| - | - |',
        '| 1 | 2 |',
        '',
        '::video{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" start="1:30" title="Keynote"}',
        '',
        '::attachment[The playbook]{media="pdf1"}',
        '',
        ':::figure{media="img1" alt="People at a table"}',
        'Caption with _inline_ markdown',
        ':::',
        '',
        '![Alt](media:img1)',
        '',
        '> quoted',
        '',
        '1. one',
        '2. two',
      ].join('\n'),
    );
  });

  it('keeps prose that looks like a directive as prose', () => {
    const written = roundTrips('Note:important and ::unknown[x]{a="1"} stay as written.');
    expect(written).toContain('important');
  });

  it('refuses a tree past the content limits', () => {
    let node: { type: string; children: unknown[] } = { type: 'blockquote', children: [] };
    const root = { type: 'root', children: [node] };
    for (let i = 0; i < 500; i++) {
      const next = { type: 'blockquote', children: [] };
      node.children.push(next);
      node = next;
    }
    expect(() => stringifyMarkdown(root as never)).toThrow(/deep|complex|nest/i);
  });
});

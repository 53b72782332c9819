import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './parse.js';

describe('parseMarkdown', () => {
  it('keeps times such as 2:12:30 and 10:30 as text, not as directives', () => {
    const root = parseMarkdown('Starts at **2:12:30** and ends 10:30 sharp.');
    expect(root.children[0]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', value: 'Starts at ' },
        { type: 'strong', children: [{ type: 'text', value: '2:12:30' }] },
        { type: 'text', value: ' and ends 10:30 sharp.' },
      ],
    });
  });

  it('still reads real text directives', () => {
    const root = parseMarkdown('A :abbr[WMF]{title="Wikimedia Foundation"} note and :1x{a=b}.');
    const kinds = (root.children[0] as { children: { type: string }[] }).children.map(
      (c) => c.type,
    );
    expect(kinds.filter((k) => k === 'textDirective')).toHaveLength(2);
  });
});

/**
 * The content format's limits: the source check counts what makes the parser slow or deep and
 * nothing an ordinary post contains; the tree check catches what the source check cannot see;
 * the worker pool stops a task past its time budget or heap limit and goes on serving.
 */
import type { Root } from 'mdast';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { contextWith, photo, syncFormat } from './fixtures.testing.js';
import { createMarkdownFormat } from './index.js';
import {
  checkSource,
  checkTree,
  DEFAULT_CONTENT_LIMITS,
  measureSource,
  measureTree,
} from './limits.js';
import { walk } from './tree.js';

const limits = DEFAULT_CONTENT_LIMITS;

/** The error a promise rejects with (fails the test when it resolves). */
async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the source check', () => {
  it('counts block quotes, list items and open directives at the start of lines', () => {
    expect(measureSource('>'.repeat(5000)).blockDepth).toBe(5000);
    expect(measureSource('> > - 1. + x').blockDepth).toBe(5);
    expect(measureSource('- '.repeat(2000) + 'x').blockDepth).toBe(2000);
    expect(measureSource(':::a\n'.repeat(40)).blockDepth).toBe(40);
    expect(measureSource(':::a\n:::\n'.repeat(40)).blockDepth).toBe(1);
  });

  it('does not count thematic breaks, fenced code or markers inside a line', () => {
    expect(measureSource('* '.repeat(40)).blockDepth).toBe(0);
    expect(measureSource('- ' + '* '.repeat(40)).blockDepth).toBe(1);
    expect(measureSource('```\n' + '> '.repeat(100) + '\n```\n').blockDepth).toBe(0);
    expect(measureSource('a ' + '> '.repeat(100)).blockDepth).toBe(0);
  });

  it('counts emphasis markers per paragraph and bracket nesting', () => {
    expect(measureSource('*_'.repeat(100)).markers).toBe(200);
    expect(measureSource('**bold** and _it_').markers).toBe(4);
    expect(measureSource('\\*\\*\\*').markers).toBe(0);
    expect(measureSource('['.repeat(50) + 'a' + ']'.repeat(50)).bracketDepth).toBe(50);
    expect(measureSource('[a] [b] [c]').bracketDepth).toBe(1);
  });

  it('starts counting again at each paragraph and list item, so long posts are fine', () => {
    const list = Array.from({ length: 2000 }, (_, i) => `- item *${i}*`).join('\n');
    expect(measureSource(list).markers).toBe(2);
    const paragraphs = Array.from({ length: 2000 }, () => 'Some **bold** text.').join('\n\n');
    expect(measureSource(paragraphs).markers).toBe(2);
    expect(checkSource(paragraphs, limits)).toBeUndefined();
  });

  it('names each limit in its message', () => {
    expect(checkSource('x'.repeat(limits.maxChars + 1), limits)).toEqual({
      code: 'payload_too_large',
      message: 'The text is 200,001 characters long; the limit is 200,000',
    });
    expect(checkSource('>'.repeat(5000), limits)?.message).toBe(
      'The text is nested 5,000 levels deep (block quotes, lists or directives); the limit is 32',
    );
    expect(checkSource('*_'.repeat(100_000), limits)?.message).toBe(
      'A paragraph has 200,000 emphasis markers (*, _ or ~); the limit is 1,000 per paragraph',
    );
    expect(checkSource('['.repeat(40_000), limits)?.message).toBe(
      'Brackets are nested 40,000 levels deep ("[" inside "["); the limit is 32',
    );
  });
});

describe('the tree check', () => {
  it('measures any depth without recursion', () => {
    let node: Root['children'][number] = {
      type: 'paragraph',
      children: [{ type: 'text', value: 'x' }],
    };
    for (let i = 0; i < 100_000; i++) node = { type: 'blockquote', children: [node] };
    const measure = measureTree({ type: 'root', children: [node] });
    expect(measure).toEqual({ levels: 100_000, depth: 100_003, nodes: 100_003 });
    expect(checkTree(measure, limits)?.message).toBe(
      'The text is nested 100,000 levels deep; the limit is 32',
    );
  });

  it('refuses nesting the source check cannot see (indented lists, emphasis)', () => {
    const indented = Array.from({ length: 40 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n');
    expect(checkSource(indented, limits)).toBeUndefined();
    expect(() => syncFormat.parse(indented)).toThrow(/nested 40 levels deep; the limit is 32/);
    const marks = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? '*' : '_'));
    const emphasis = `${marks.map((m) => `${m}a `).join('')}x${marks
      .reverse()
      .map((m) => ` a${m}`)
      .join('')}`;
    expect(() => syncFormat.parse(emphasis)).toThrow(/nested 40 levels deep; the limit is 32/);
  });

  it('lets the recursive helpers walk the deepest tree the limits allow', () => {
    const deep = '> '.repeat(limits.maxDepth) + 'x';
    const root = syncFormat.parse(deep);
    let quotes = 0;
    walk(root, (node) => {
      if (node.type === 'blockquote') quotes++;
    });
    expect(quotes).toBe(limits.maxDepth);
    expect(syncFormat.render(root, contextWith())).toContain('<p>x</p>');
  });
});

describe('the worker pool', () => {
  const format = createMarkdownFormat({ timeBudgetMs: 500 });
  afterAll(() => format.close());
  /** Many paragraphs, each under the marker limit: slow for the parser, refused by nothing else. */
  const slow = Array.from({ length: 200 }, () => '*_'.repeat(400)).join('\n\n');

  it('parses in a worker what the thread itself would', async () => {
    const markdown = '# Title\n\nSome *text* at 10:30 with ![a](media:img1).\n\n> - quoted';
    expect(await format.parse(markdown)).toEqual(syncFormat.parse(markdown));
  });

  it('refuses a text before it reaches a thread, naming the limit and the field', async () => {
    const error = await refusal(format.parse('>'.repeat(5000)));
    expect(error.code).toBe('too_complex');
    expect(error.message).toMatch(/^body: The text is nested 5,000 levels deep/);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.field).toBe('body');
    expect(error.problems[0]?.message).toContain('the limit is 32');
  });

  it('stops a task past its time budget, then serves the next one', async () => {
    expect(checkSource(slow, format.limits)).toBeUndefined();
    const error = await refusal(format.parse(slow));
    expect(error.code).toBe('too_complex');
    expect(error.problems[0]?.message).toBe(
      'The text took longer than 0.5 s to process; the limit is 0.5 s',
    );
    expect((await format.parse('still *here*')).type).toBe('root');
  });

  it('loses only the thread when a text needs more memory than its heap limit', async () => {
    const big = Array.from(
      { length: 1200 },
      (_, i) =>
        `## Part ${i}\n\nThe *community* met [here](https://example.org/${i}) and **there**.\n`,
    ).join('\n');
    const roomy = createMarkdownFormat({ workerHeapMb: 16, timeBudgetMs: 120_000 });
    try {
      const error = await refusal(roomy.parse(big));
      expect(error.problems[0]?.message).toBe(
        'The text needed more than 16 MB of memory to process; the limit is 16 MB',
      );
      expect((await roomy.parse('after the *crash*')).type).toBe('root');
    } finally {
      await roomy.close();
    }
  });

  it('renders a large document in a worker the same as in place', async () => {
    const markdown = Array.from(
      { length: 600 },
      (_, i) =>
        `Paragraph ${i} with *emphasis*, a [link](https://example.org/${i}) and ![p](media:img1).`,
    ).join('\n\n');
    const roomy = createMarkdownFormat({ inlineRenderNodes: 10, timeBudgetMs: 60_000 });
    try {
      const root = syncFormat.parse(markdown);
      const context = contextWith(photo);
      expect(await roomy.render(root, context)).toBe(syncFormat.render(root, context));
    } finally {
      await roomy.close();
    }
  });

  it('refuses to render a crafted document deeper than the limit', async () => {
    let node: Root['children'][number] = { type: 'paragraph', children: [] };
    for (let i = 0; i < 10_000; i++) node = { type: 'blockquote', children: [node] };
    const error = await refusal(format.render({ type: 'root', children: [node] }, contextWith()));
    expect(error.code).toBe('too_complex');
    expect(error.message).toContain('nested 10,000 levels deep; the limit is 32');
  });

  it('starts its threads again after close()', async () => {
    await format.close();
    expect((await format.parse('*again*')).children).toHaveLength(1);
  });
});

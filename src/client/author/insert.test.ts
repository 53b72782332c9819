import { describe, expect, it } from 'vitest';
import { insertBlock } from './insert.js';

describe('insertBlock', () => {
  const d = '::attachment{media="x"}';
  it('puts the directive on its own block at the cursor', () => {
    expect(insertBlock('One.\nTwo.', 4, d)).toEqual({
      text: `One.\n\n${d}\n\nTwo.`,
      caret: 6 + d.length,
    });
  });
  it('adds no extra blank lines where there are some already', () => {
    expect(insertBlock('One.\n\nTwo.', 6, d).text).toBe(`One.\n\n${d}\n\nTwo.`);
    expect(insertBlock('One.\n', 5, d).text).toBe(`One.\n\n${d}\n`);
  });
  it('works in an empty body and at its end', () => {
    expect(insertBlock('', 0, d)).toEqual({ text: `${d}\n`, caret: d.length });
    expect(insertBlock('One.', 4, d).text).toBe(`One.\n\n${d}\n`);
  });
});

/** `polyphony check-xliff FILE`: exit 0 for a valid XLIFF 2.0 file, 1 with located errors. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkXliff } from '../../src/cli/xliff-commands.js';
import { writeXliff2 } from '../../src/interchange/xliff/xliff2.js';

const valid = writeXliff2({
  postId: 'p1',
  srcLang: 'en',
  trgLang: 'es',
  units: [
    {
      unitId: 'b.0',
      kind: 'paragraph',
      source: 'Join <pc id="1">us</pc>.',
      codes: { '1': { kind: 'pc', type: 'strong', label: 'bold' } },
      target: 'Únete a <pc id="1">nosotros</pc>.',
      state: 'translated',
      version: 1,
      sourceRevision: 1,
    },
  ],
});

describe('check-xliff', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('exits 0 for a valid file and 1 printing file:line:column for an invalid one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xliff-cli-'));
    const good = join(dir, 'good.xlf');
    const bad = join(dir, 'bad.xlf');
    await writeFile(good, valid);
    await writeFile(bad, valid.replace('<unit id="b.0"', '<unit id="b.0" bogus="1"'));
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => {
      lines.push(line);
    });
    expect(await checkXliff([good])).toBe(0);
    expect(lines.at(-1)).toContain('valid XLIFF 2.0');
    expect(await checkXliff([bad])).toBe(1);
    expect(lines.at(-1)).toMatch(new RegExp(`^${bad.replace(/[.]/g, '\\.')}:\\d+:\\d+: <unit>`));
    expect(await checkXliff([])).toBe(2);
  });
});

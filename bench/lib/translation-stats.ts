// Figures and tables of the translation bench (bench/translation.ts).

export interface Timing {
  samples: number;
  mean: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** Summary of durations in milliseconds (kept to the microsecond). */
export function timing(values: readonly number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    samples: sorted.length,
    mean: round3(sorted.length > 0 ? total / sorted.length : 0),
    p50: round3(percentile(sorted, 50)),
    p99: round3(percentile(sorted, 99)),
    min: round3(sorted[0] ?? 0),
    max: round3(sorted.at(-1) ?? 0),
  };
}

/** Milliseconds since `start` (from performance.now()). */
export function elapsedMs(start: number): number {
  return performance.now() - start;
}

export function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function count(value: number): string {
  return integer.format(value);
}

/** A plain-text table; the first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function heading(text: string): void {
  console.log(`\n== ${text} ==`);
}

/**
 * Server-rendered SVG charts of the statistics pages (d3-scale for the geometry, d3-shape for
 * the lines; no client script). Each chart is `role="img"` labelled by its `<title>` and
 * described by its `<desc>` (the figures in words); the page puts a table with the same
 * numbers beside it. A `viewBox` with width 100% fits a 390 px screen; in right-to-left
 * interfaces the axes are mirrored (bars grow from the right, time runs right to left).
 * Categories are told apart by fill pattern and by a legend with text, never colour alone.
 */
import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import type { ComponentChildren } from 'preact';

/**
 * The user-space width of every chart. Drawn at 100% of a 390 px phone's column (about
 * 358 px) one unit is about 0.9 px, so FONT is about 13.5 px there; wider screens cap the
 * chart's width and lower its font size in site.css.
 */
const WIDTH = 400;
const FONT = 15;

/** A generous estimate of a label's width in user units (no font metrics on the server). */
function textWidth(label: string, size = FONT): number {
  return [...label].length * size * 0.5;
}

/** Fills with at least 3:1 contrast on white; patterns carry the difference too. */
export const CATEGORY_STYLES = {
  translated: { fill: '#1b6e35', pattern: null },
  outdated: { fill: '#a8470a', pattern: 'stats-hatch' },
  inProgress: { fill: '#1f5fa6', pattern: 'stats-dots' },
  missing: { fill: '#ffffff', pattern: null },
} as const;
export type Category = keyof typeof CATEGORY_STYLES;
export const CATEGORIES: readonly Category[] = ['translated', 'outdated', 'inProgress', 'missing'];

const LINE_COLOURS = [
  '#1f5fa6',
  '#a8470a',
  '#1b6e35',
  '#7b2d8e',
  '#8c1c3a',
  '#005f66',
  '#5c5c00',
  '#444444',
  '#9a3b00',
  '#33518a',
];
const MARKERS = ['circle', 'square', 'diamond', 'triangle'] as const;

/**
 * The frame every chart shares: an SVG image labelled by its title and described by its
 * description, `WIDTH` user units wide and scaled to its column.
 */
function ChartFrame(props: {
  id: string;
  title: string;
  description: string;
  height: number;
  children: ComponentChildren;
}) {
  const { id } = props;
  return (
    <svg
      class="stats-chart"
      viewBox={`0 0 ${WIDTH} ${props.height}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      font-size={FONT}
    >
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{props.description}</desc>
      {props.children}
    </svg>
  );
}

function Patterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern
        id={`${id}-stats-hatch`}
        width="8"
        height="8"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="8" height="8" fill={CATEGORY_STYLES.outdated.fill} />
        <rect width="3" height="8" fill="#ffffff" fill-opacity="0.55" />
      </pattern>
      <pattern id={`${id}-stats-dots`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill={CATEGORY_STYLES.inProgress.fill} />
        <circle cx="4" cy="4" r="1.6" fill="#ffffff" />
      </pattern>
    </defs>
  );
}

function fillOf(id: string, category: Category): string {
  const style = CATEGORY_STYLES[category];
  return style.pattern ? `url(#${id}-${style.pattern})` : style.fill;
}

/** A legend swatch outside the SVG (HTML text, so it reflows and translates). */
export function LegendSwatch({ category }: { category: Category }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" class="stats-swatch">
      <Patterns id={`legend-${category}`} />
      <rect
        x="0.5"
        y="0.5"
        width="15"
        height="15"
        fill={fillOf(`legend-${category}`, category)}
        stroke="#333333"
      />
    </svg>
  );
}

export interface StackedRow {
  label: string;
  /** Counts per category, in CATEGORIES order. */
  values: Record<Category, number>;
}

/**
 * One horizontal bar per row, split by category as shares of the row's total. Each row's
 * label stands on its own line above its bar, so a long language name ("Serbian (Cyrillic)",
 * "Kiserbia (Kisiriliki)") never squeezes the bars on a phone.
 */
export function StackedBarChart(props: {
  id: string;
  title: string;
  description: string;
  rows: StackedRow[];
  rtl: boolean;
}) {
  const { id, rows, rtl } = props;
  // Room on each side for half of the "0%" and "100%" axis labels.
  const margin = 24;
  const labelHeight = FONT + 6;
  const barHeight = 22;
  const rowHeight = labelHeight + barHeight + 10;
  const top = 4;
  const axisY = top + rows.length * rowHeight;
  const height = axisY + FONT + 8;
  const x = scaleLinear()
    .domain([0, 1])
    .range(rtl ? [WIDTH - margin, margin] : [margin, WIDTH - margin]);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <ChartFrame id={id} title={props.title} description={props.description} height={height}>
      <Patterns id={id} />
      {ticks.map((tick) => (
        <text x={x(tick)} y={height - 6} text-anchor="middle" direction="ltr" fill="#333333">
          {`${Math.round(tick * 100)}%`}
        </text>
      ))}
      {rows.map((row, i) => {
        const total = CATEGORIES.reduce((s, c) => s + row.values[c], 0);
        const rowTop = top + i * rowHeight;
        const barTop = rowTop + labelHeight;
        let start = 0;
        return (
          <g>
            <text
              x={x(0)}
              y={rowTop + FONT}
              text-anchor="start"
              direction={rtl ? 'rtl' : 'ltr'}
              fill="#1a1a1a"
            >
              {row.label}
            </text>
            {ticks.map((tick) => (
              <line
                x1={x(tick)}
                x2={x(tick)}
                y1={barTop - 3}
                y2={barTop + barHeight + 3}
                stroke="#767676"
                stroke-dasharray={tick === 0 || tick === 1 ? undefined : '2 3'}
              />
            ))}
            <rect
              x={margin}
              y={barTop}
              width={WIDTH - 2 * margin}
              height={barHeight}
              fill={CATEGORY_STYLES.missing.fill}
              stroke="#333333"
              stroke-width="1"
            />
            {CATEGORIES.map((category) => {
              const share = total === 0 ? 0 : row.values[category] / total;
              const from = start;
              start += share;
              if (share === 0 || category === 'missing') return null;
              const a = x(from);
              const b = x(from + share);
              return (
                <rect
                  x={Math.min(a, b)}
                  y={barTop}
                  width={Math.abs(b - a)}
                  height={barHeight}
                  fill={fillOf(id, category)}
                  stroke="#333333"
                  stroke-width="1"
                />
              );
            })}
          </g>
        );
      })}
    </ChartFrame>
  );
}

export interface LineSeries {
  label: string;
  /** 0..1 for each of the chart's months. */
  values: number[];
}

function Marker(props: { kind: (typeof MARKERS)[number]; x: number; y: number; colour: string }) {
  const { x, y, colour } = props;
  if (props.kind === 'square')
    return <rect x={x - 3.5} y={y - 3.5} width="7" height="7" fill={colour} />;
  if (props.kind === 'diamond')
    return <path d={`M${x} ${y - 5}L${x + 5} ${y}L${x} ${y + 5}L${x - 5} ${y}Z`} fill={colour} />;
  if (props.kind === 'triangle')
    return <path d={`M${x} ${y - 5}L${x + 5} ${y + 4}L${x - 5} ${y + 4}Z`} fill={colour} />;
  return <circle cx={x} cy={y} r="4" fill={colour} />;
}

/** Completion over time: one line per language (colour and marker), labelled at its end. */
export function LineChart(props: {
  id: string;
  title: string;
  description: string;
  /** Labels of the x positions (months), oldest first. */
  xLabels: string[];
  series: LineSeries[];
  rtl: boolean;
}) {
  const { id, rtl, series, xLabels } = props;
  const height = 300;
  const axis = 44;
  // Room for the longest end label, but never more than 40% of the chart.
  const endLabels = Math.min(
    WIDTH * 0.4,
    Math.max(48, ...series.map((s) => textWidth(s.label) + 16)),
  );
  const x = scalePoint<number>()
    .domain(xLabels.map((_, i) => i))
    .range(rtl ? [WIDTH - axis, endLabels] : [axis, WIDTH - endLabels])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, 1])
    .range([height - 30, 12]);
  const draw = line<number>()
    .x((_, i) => x(i) ?? 0)
    .y((v) => y(v));
  const every = Math.max(1, Math.ceil(xLabels.length / 4));
  const lastIndex = xLabels.length - 1;
  /** Every `every`-th month is labelled, and the last, unless it would crowd the last. */
  const labelled = (i: number) =>
    i === lastIndex || (i % every === 0 && lastIndex - i >= Math.max(1, every / 2));
  // End labels spread apart so they do not overlap: from the bottom of the plot upwards,
  // each label at its line's end or just above the label below it.
  const ends = series
    .map((s, i) => ({ i, y: Math.min(height - 34, y(s.values[s.values.length - 1] ?? 0)) }))
    .sort((a, b) => b.y - a.y);
  for (let k = 1; k < ends.length; k++) {
    const below = ends[k - 1];
    const cur = ends[k];
    if (below && cur && below.y - cur.y < FONT + 1) cur.y = below.y - FONT - 1;
  }
  const endY = new Map(ends.map((e) => [e.i, e.y]));
  const lastX = x(xLabels.length - 1) ?? 0;
  return (
    <ChartFrame id={id} title={props.title} description={props.description} height={height}>
      {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
        <g>
          <line
            x1={rtl ? WIDTH - axis : axis}
            x2={rtl ? endLabels - 6 : WIDTH - endLabels + 6}
            y1={y(tick)}
            y2={y(tick)}
            stroke="#767676"
            stroke-dasharray={tick === 0 ? undefined : '2 3'}
          />
          <text
            x={rtl ? WIDTH - axis + 6 : axis - 6}
            y={y(tick) + FONT / 3}
            text-anchor={rtl ? 'start' : 'end'}
            direction="ltr"
            fill="#333333"
          >
            {`${Math.round(tick * 100)}%`}
          </text>
        </g>
      ))}
      {xLabels.map((label, i) =>
        labelled(i) ? (
          <text x={x(i)} y={height - 10} text-anchor="middle" fill="#333333">
            {label}
          </text>
        ) : null,
      )}
      {series.map((s, i) => {
        const colour = LINE_COLOURS[i % LINE_COLOURS.length] ?? '#333333';
        const kind = MARKERS[i % MARKERS.length] ?? 'circle';
        const last = s.values[s.values.length - 1] ?? 0;
        return (
          <g>
            <path d={draw(s.values) ?? ''} fill="none" stroke={colour} stroke-width="2" />
            {s.values.length <= 12 ? (
              s.values.map((v, k) => <Marker kind={kind} x={x(k) ?? 0} y={y(v)} colour={colour} />)
            ) : (
              <Marker kind={kind} x={lastX} y={y(last)} colour={colour} />
            )}
            <text
              x={rtl ? lastX - 10 : lastX + 10}
              y={(endY.get(i) ?? y(last)) + FONT / 3}
              text-anchor="start"
              direction={rtl ? 'rtl' : 'ltr'}
              fill={colour}
            >
              {s.label}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}

/** Two bars per month (translated, reviewed), each labelled with its number. */
export function MonthlyBarChart(props: {
  id: string;
  title: string;
  description: string;
  months: { label: string; translated: number; reviewed: number }[];
  rtl: boolean;
}) {
  const { id, rtl, months } = props;
  const height = 240;
  const axis = 10;
  const max = Math.max(1, ...months.flatMap((m) => [m.translated, m.reviewed]));
  // A month is at most ~110 units wide (one month is not one huge block), from the start side.
  const span = Math.min(WIDTH - 2 * axis, months.length * 110);
  const x = scaleBand<number>()
    .domain(months.map((_, i) => i))
    .range(rtl ? [WIDTH - axis, WIDTH - axis - span] : [axis, axis + span])
    .paddingInner(0.25)
    .paddingOuter(0.1);
  const inner = scaleBand<string>()
    .domain(['translated', 'reviewed'])
    .range([0, Math.abs(x.bandwidth())])
    .paddingInner(0.1);
  const y = scaleLinear()
    .domain([0, max])
    .range([height - 46, 20]);
  const every = Math.max(1, Math.ceil(months.length / 6));
  return (
    <ChartFrame id={id} title={props.title} description={props.description} height={height}>
      <Patterns id={id} />
      <line x1={axis} x2={WIDTH - axis} y1={y(0)} y2={y(0)} stroke="#333333" />
      {months.map((m, i) => {
        const start = x(i) ?? 0;
        const bars = [
          { key: 'translated', value: m.translated, fill: CATEGORY_STYLES.translated.fill },
          { key: 'reviewed', value: m.reviewed, fill: `url(#${id}-stats-dots)` },
        ];
        return (
          <g>
            {bars.map((bar) => {
              const offset =
                inner(rtl ? (bar.key === 'translated' ? 'reviewed' : 'translated') : bar.key) ?? 0;
              const left = start + offset;
              return (
                <g>
                  <rect
                    x={left}
                    y={y(bar.value)}
                    width={inner.bandwidth()}
                    height={y(0) - y(bar.value)}
                    fill={bar.fill}
                    stroke="#333333"
                  />
                  {bar.value > 0 ? (
                    <text
                      x={left + inner.bandwidth() / 2}
                      y={y(bar.value) - 4}
                      text-anchor="middle"
                      fill="#1a1a1a"
                      font-size={months.length > 8 ? 11 : FONT}
                    >
                      {String(bar.value)}
                    </text>
                  ) : null}
                </g>
              );
            })}
            {i % every === 0 || i === months.length - 1 ? (
              <text
                x={start + x.bandwidth() / 2}
                y={height - 24}
                text-anchor="middle"
                fill="#333333"
              >
                {m.label}
              </text>
            ) : null}
          </g>
        );
      })}
    </ChartFrame>
  );
}

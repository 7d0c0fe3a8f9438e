import 'uplot/dist/uPlot.min.css';
// The library is loaded when a chart is first drawn: it reads the window when it loads, and
// pages without charts (the console, the archive) need not carry it.
import type uPlot from 'uplot';
import { useEffect, useRef } from 'preact/hooks';
import { locale } from '../i18n/i18n';
import { dayText, stacked } from './stats-view';

/** One line or bar layer: its label, colour (canvas) and the matching swatch class (legend). */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  colour: string;
  swatch: string;
  /** Dashed line: p90 is dashed, p50 solid, so the two differ in more than colour. */
  dashed?: boolean;
}

interface Props {
  id: string;
  title: string;
  /** What the chart shows, in words, for screen readers (the tables hold the numbers). */
  summary: string;
  days: string[];
  series: ChartSeries[];
  kind: 'stacked-bars' | 'lines';
  /** A y-axis value as text (a count, a duration). */
  yText(v: number): string;
  /** Whole steps only on the y axis (counts). */
  integers?: boolean;
}

const HEIGHT = 220;
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
let measurer: CanvasRenderingContext2D | null | undefined;
let library: Promise<typeof uPlot> | undefined;

/** uPlot, loaded once for all charts. */
function loadLibrary(): Promise<typeof uPlot> {
  library ??= import('uplot').then((m) => m.default);
  return library;
}

/** The width of an axis label in pixels, so axes make room for the language's longest label. */
function textWidth(text: string): number {
  if (measurer === undefined) measurer = document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * 7;
  measurer.font = FONT;
  return Math.ceil(measurer.measureText(text).width);
}
/** Day steps the x axis may label: every day, every other, weekly, … */
const DAY_STEPS = [1, 2, 7, 14, 28, 56, 91, 182];
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];
/** Seconds steps for durations: round seconds, minutes and hours, never "3 min 20 s" apart. */
const SECOND_STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400];

/**
 * A chart per day drawn by uPlot on a canvas, inside a figure with a caption and a legend in
 * HTML. The canvas is one image to assistive technology (named by `summary`); the tables below
 * the charts carry every number.
 */
export function StatsChart({ id, title, summary, days, series, kind, yText, integers = false }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const lang = locale.value;
  // Rebuild when the data or the language (axis labels) changes; a resize only resizes.
  const key = JSON.stringify([lang, days, series.map((s) => [s.label, s.values])]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const bars = kind === 'stacked-bars';
    // Stacked bars: each layer is drawn as the running total up to it, tallest first, so the
    // lower layers paint over the upper ones and each shows its own share.
    const layers = bars ? stacked(series.map((s) => s.values.map((v) => v ?? 0))) : series.map((s) => s.values);
    const order = bars ? series.map((_, i) => i).reverse() : series.map((_, i) => i);
    const x = days.map((_, i) => i);
    // Day labels at least one label's width apart ("15 thg 11" is wider than "15 Nov").
    const daySpace = Math.max(48, ...days.map((d) => textWidth(dayText(d)))) + 16;
    const build = (UPlot: typeof uPlot): uPlot.Options => ({
      width: Math.max(280, el.clientWidth),
      height: HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: () => [-0.5, Math.max(0.5, days.length - 0.5)] },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        {
          incrs: DAY_STEPS,
          space: daySpace,
          font: FONT,
          values: (_u, splits) => splits.map((i) => (Number.isInteger(i) && days[i] ? dayText(days[i]) : '')),
          stroke: '#4b5667',
          grid: { show: false },
        },
        {
          incrs: integers ? COUNT_STEPS : SECOND_STEPS,
          font: FONT,
          // As wide as the widest label ("1 phút 30 giây") plus the tick and a gap.
          size: (_u, values) => Math.max(32, ...(values ?? []).map(textWidth)) + 18,
          values: (_u, splits) => splits.map((v) => yText(v)),
          stroke: '#4b5667',
          grid: { stroke: '#e9edf2' },
        },
      ],
      series: [
        {},
        ...order.map((i) => {
          const s = series[i];
          return bars
            ? { label: s.label, stroke: s.colour, fill: s.colour, width: 0, paths: UPlot.paths.bars?.({ size: [0.7, 48] }), points: { show: false } }
            : { label: s.label, stroke: s.colour, width: 2, dash: s.dashed ? [6, 4] : undefined, spanGaps: false, points: { show: true, size: 6, fill: s.colour } };
        }),
      ],
    });
    let chart: uPlot | null = null;
    let resize: ResizeObserver | null = null;
    let gone = false;
    void loadLibrary().then((UPlot) => {
      if (gone) return;
      chart = new UPlot(build(UPlot), [x, ...order.map((i) => layers[i])] as uPlot.AlignedData, el);
      const drawn = chart;
      resize = new ResizeObserver(() => drawn.setSize({ width: Math.max(280, el.clientWidth), height: HEIGHT }));
      resize.observe(el);
    });
    return () => {
      gone = true;
      resize?.disconnect();
      chart?.destroy();
    };
  }, [key, kind]);

  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <div class="chart-canvas" ref={box} role="img" aria-label={summary} data-chart={id} />
      <ul class="chart-legend">
        {series.map((s) => (
          <li key={s.label}>
            <span class={`swatch ${s.swatch}${s.dashed ? ' dashed' : ''}`} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}

import 'uplot/dist/uPlot.min.css';
import uPlot from 'uplot';
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
/** Day steps the x axis may label: every day, every other, weekly, … */
const DAY_STEPS = [1, 2, 7, 14, 28, 56, 91, 182];
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

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
    const barPaths = uPlot.paths.bars?.({ size: [0.7, 48] });
    const opts: uPlot.Options = {
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
          space: 56,
          values: (_u, splits) => splits.map((i) => (Number.isInteger(i) && days[i] ? dayText(days[i]) : '')),
          stroke: '#4b5667',
          grid: { show: false },
        },
        {
          ...(integers ? { incrs: COUNT_STEPS } : {}),
          size: 76,
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
            ? { label: s.label, stroke: s.colour, fill: s.colour, width: 0, paths: barPaths, points: { show: false } }
            : { label: s.label, stroke: s.colour, width: 2, dash: s.dashed ? [6, 4] : undefined, spanGaps: false, points: { show: true, size: 6, fill: s.colour } };
        }),
      ],
    };
    const chart = new uPlot(opts, [x, ...order.map((i) => layers[i])] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(280, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
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

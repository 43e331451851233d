// Chart geometry, computed on the server with d3-scale and d3-shape: the loader sends plain
// numbers and SVG path strings, app/components/chart.tsx draws them, and d3 never reaches
// the browser. Every chart carries a title and a one-sentence description for assistive
// technology; the page shows the same figures as a table.
import { scaleBand, scaleLinear } from "d3-scale";
import { curveStepAfter, line } from "d3-shape";

/** Colours with at least 3:1 contrast against white (WCAG 1.4.11), distinct for the common colour-vision deficiencies. */
export const seriesColours = ["#0b4f6c", "#c2410c", "#6d28d9", "#15803d"] as const;

export type ChartSeries = { key: string; label: string; colour: string };
export type Tick = { position: number; label: string };

export type BarChartSpec = {
  kind: "bar";
  title: string;
  description: string;
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  series: ChartSeries[];
  categories: { label: string; y: number; height: number }[];
  bars: { x: number; y: number; width: number; height: number; colour: string; label: string }[];
  ticks: Tick[];
  axisLabel: string;
  reference?: { x: number; label: string; anchor: "start" | "end" };
};

export type LineChartSpec = {
  kind: "line";
  title: string;
  description: string;
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** dash: an SVG stroke-dasharray, so the lines differ by more than colour (WCAG 1.4.1). */
  series: (ChartSeries & { path: string; dash: string | null; end: { x: number; y: number; value: number } })[];
  xTicks: Tick[];
  yTicks: Tick[];
  axisLabel: string;
};

export type ChartSpec = BarChartSpec | LineChartSpec;

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Horizontal grouped bars: one band per category, one bar per series inside it. Long
 * category names (sectors) read best on the left of horizontal bars.
 */
export function groupedBarChart(input: {
  title: string;
  description: string;
  categories: string[];
  series: { key: string; label: string }[];
  /** values[category][series]; null: no figure (drawn as no bar, labelled "none"). */
  values: (number | null)[][];
  axisLabel: string;
  labelWidth?: number;
  reference?: { value: number; label: string };
  format?: (value: number) => string;
}): BarChartSpec {
  const width = 720;
  const barHeight = input.series.length > 2 ? 8 : input.series.length > 1 ? 11 : 18;
  const bandHeight = barHeight * input.series.length + 12;
  // Room above the bars for the reference line's label.
  const top = input.reference ? 26 : 8;
  const plot = { left: input.labelWidth ?? 200, top, right: width - 56, bottom: top + bandHeight * input.categories.length };
  const height = plot.bottom + 40;
  const max = Math.max(1, input.reference?.value ?? 0, ...input.values.flat().map((value) => value ?? 0));
  const x = scaleLinear().domain([0, max]).nice().range([plot.left, plot.right]);
  const y = scaleBand<string>().domain(input.categories).range([plot.top, plot.bottom]).paddingInner(0.15).paddingOuter(0.05);
  const inner = scaleBand<string>()
    .domain(input.series.map((series) => series.key))
    .range([0, y.bandwidth()])
    .padding(0.08);
  const format = input.format ?? ((value: number) => String(value));
  const series = input.series.map((entry, index) => ({ ...entry, colour: seriesColours[index % seriesColours.length] }));
  const bars = input.categories.flatMap((category, row) =>
    series.map((entry, column) => {
      const value = input.values[row][column];
      return {
        x: plot.left,
        y: round((y(category) ?? 0) + (inner(entry.key) ?? 0)),
        width: round(Math.max(0, x(value ?? 0) - plot.left)),
        height: round(inner.bandwidth()),
        colour: entry.colour,
        label: value === null ? "none" : format(value),
      };
    }),
  );
  const ticks = x.ticks(Math.min(6, max)).map((value) => ({ position: round(x(value)), label: format(value) }));
  return {
    kind: "bar",
    title: input.title,
    description: input.description,
    width,
    height,
    plot,
    series,
    categories: input.categories.map((label) => ({ label, y: round(y(label) ?? 0), height: round(y.bandwidth()) })),
    bars,
    ticks,
    axisLabel: input.axisLabel,
    reference: input.reference
      ? {
          x: round(x(input.reference.value)),
          label: input.reference.label,
          // The label sits beside the line, on the side with room for it.
          anchor: x(input.reference.value) > (plot.left + plot.right) / 2 ? "end" : "start",
        }
      : undefined,
  };
}

const lineDashes = [null, "8 3", "2 3", "12 3 2 3"] as const;

/** Step lines over whole years (running totals change only when a year begins). */
export function yearLineChart(input: {
  title: string;
  description: string;
  years: number[];
  series: { key: string; label: string; values: number[] }[];
  axisLabel: string;
}): LineChartSpec {
  const width = 720;
  const height = 300;
  const plot = { left: 48, top: 12, right: width - 24, bottom: height - 40 };
  const first = input.years[0] ?? new Date().getUTCFullYear();
  const last = input.years[input.years.length - 1] ?? first;
  const x = scaleLinear()
    .domain([first, Math.max(last, first + 1)])
    .range([plot.left, plot.right]);
  const max = Math.max(1, ...input.series.flatMap((series) => series.values));
  const y = scaleLinear().domain([0, max]).nice().range([plot.bottom, plot.top]);
  const path = line<[number, number]>()
    .x(([year]) => round(x(year)))
    .y(([, value]) => round(y(value)))
    .curve(curveStepAfter);
  return {
    kind: "line",
    title: input.title,
    description: input.description,
    width,
    height,
    plot,
    series: input.series.map((series, index) => {
      const points = input.years.map((year, i) => [year, series.values[i]] as [number, number]);
      const lastValue = series.values[series.values.length - 1] ?? 0;
      return {
        key: series.key,
        label: series.label,
        colour: seriesColours[index % seriesColours.length],
        path: path(points) ?? "",
        dash: lineDashes[index % lineDashes.length],
        end: { x: round(x(last)), y: round(y(lastValue)), value: lastValue },
      };
    }),
    xTicks: x
      .ticks(Math.min(10, Math.max(1, last - first)))
      .filter(Number.isInteger)
      .map((year) => ({ position: round(x(year)), label: String(year) })),
    yTicks: y
      .ticks(5)
      .filter(Number.isInteger)
      .map((value) => ({ position: round(y(value)), label: String(value) })),
    axisLabel: input.axisLabel,
  };
}

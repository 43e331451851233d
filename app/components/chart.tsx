// Draws the chart geometry computed on the server (app/utils/charts.server.ts) as SVG. The
// SVG is one image to assistive technology (role="img" with <title> and <desc>); the same
// figures are in the table that follows every chart.
import { useId, type ReactNode } from "react";
import type { BarChartSpec, ChartSpec, LineChartSpec } from "../utils/charts.server";

function Legend({ series }: { series: { key: string; label: string; colour: string; dash?: string | null }[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-4 text-sm" aria-label="Key">
      {series.map((entry) => (
        <li key={entry.key} className="flex items-center gap-2">
          {entry.dash !== undefined ? (
            <svg aria-hidden="true" width="28" height="10" viewBox="0 0 28 10">
              <line x1="0" x2="28" y1="5" y2="5" stroke={entry.colour} strokeWidth={3} strokeDasharray={entry.dash ?? undefined} />
            </svg>
          ) : (
            <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm" style={{ backgroundColor: entry.colour }} />
          )}
          {entry.label}
        </li>
      ))}
    </ul>
  );
}

function BarChart({ spec }: { spec: BarChartSpec }) {
  const { plot } = spec;
  return (
    <>
      {spec.ticks.map((tick) => (
        <g key={tick.position}>
          <line x1={tick.position} x2={tick.position} y1={plot.top} y2={plot.bottom} stroke="#cbd5e1" strokeWidth={1} />
          <text x={tick.position} y={plot.bottom + 16} textAnchor="middle" fontSize={12} fill="#334155">
            {tick.label}
          </text>
        </g>
      ))}
      {spec.categories.map((category) => (
        <text
          key={category.label}
          x={plot.left - 8}
          y={category.y + category.height / 2}
          textAnchor="end"
          dominantBaseline="middle"
          fontSize={12}
          fill="#0f172a"
        >
          {category.label}
        </text>
      ))}
      {spec.bars.map((bar, index) => (
        <g key={index}>
          <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={bar.colour} />
          <text x={bar.x + bar.width + 4} y={bar.y + bar.height / 2} dominantBaseline="middle" fontSize={11} fill="#0f172a">
            {bar.label}
          </text>
        </g>
      ))}
      <line x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} stroke="#475569" strokeWidth={1} />
      {spec.reference ? (
        <g>
          <line x1={spec.reference.x} x2={spec.reference.x} y1={plot.top - 18} y2={plot.bottom} stroke="#b91c1c" strokeWidth={2} strokeDasharray="6 4" />
          <text
            x={spec.reference.x + (spec.reference.anchor === "end" ? -6 : 6)}
            y={plot.top - 8}
            textAnchor={spec.reference.anchor}
            fontSize={12}
            fill="#b91c1c"
          >
            {spec.reference.label}
          </text>
        </g>
      ) : null}
      <text x={(plot.left + plot.right) / 2} y={plot.bottom + 34} textAnchor="middle" fontSize={12} fill="#334155">
        {spec.axisLabel}
      </text>
    </>
  );
}

function LineChart({ spec }: { spec: LineChartSpec }) {
  const { plot } = spec;
  return (
    <>
      {spec.yTicks.map((tick) => (
        <g key={`y${tick.position}`}>
          <line x1={plot.left} x2={plot.right} y1={tick.position} y2={tick.position} stroke="#cbd5e1" strokeWidth={1} />
          <text x={plot.left - 6} y={tick.position} textAnchor="end" dominantBaseline="middle" fontSize={12} fill="#334155">
            {tick.label}
          </text>
        </g>
      ))}
      {spec.xTicks.map((tick) => (
        <text key={`x${tick.position}`} x={tick.position} y={plot.bottom + 16} textAnchor="middle" fontSize={12} fill="#334155">
          {tick.label}
        </text>
      ))}
      <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke="#475569" strokeWidth={1} />
      {spec.series.map((series) => (
        <g key={series.key}>
          <path d={series.path} fill="none" stroke={series.colour} strokeWidth={2.5} strokeDasharray={series.dash ?? undefined} />
          <circle cx={series.end.x} cy={series.end.y} r={3.5} fill={series.colour} />
        </g>
      ))}
      <text x={(plot.left + plot.right) / 2} y={plot.bottom + 34} textAnchor="middle" fontSize={12} fill="#334155">
        {spec.axisLabel}
      </text>
    </>
  );
}

export function Chart({ spec }: { spec: ChartSpec }) {
  const id = useId();
  return (
    <figure className="mt-4">
      <svg
        viewBox={`0 0 ${spec.width} ${spec.height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="h-auto w-full max-w-3xl"
        style={{ fontFamily: "inherit" }}
      >
        <title id={`${id}-title`}>{spec.title}</title>
        <desc id={`${id}-desc`}>{spec.description}</desc>
        {spec.kind === "bar" ? <BarChart spec={spec} /> : <LineChart spec={spec} />}
      </svg>
      {spec.series.length > 1 ? (
        <figcaption>
          <Legend series={spec.series} />
        </figcaption>
      ) : null}
    </figure>
  );
}

/** The table alternative of a chart, folded away by default (it holds every figure the chart shows). */
export function FigureTable({ caption, headers, rows }: { caption: string; headers: string[]; rows: ReactNode[][] }) {
  return (
    <details className="mt-3">
      <summary className="cursor-pointer link">Show the figures as a table</summary>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full max-w-3xl border-collapse text-left text-sm">
          <caption className="py-1 text-left font-semibold">{caption}</caption>
          <thead>
            <tr className="border-b border-slate-400">
              {headers.map((header, index) => (
                <th key={header} scope="col" className={`py-1 pr-4 ${index ? "text-right" : ""}`}>
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, rowIndex) => (
              <tr key={rowIndex} className="border-b border-slate-200">
                {row.map((cell, index) =>
                  index === 0 ? (
                    <th key={index} scope="row" className="py-1 pr-4 font-normal">
                      {cell}
                    </th>
                  ) : (
                    <td key={index} className="py-1 pr-4 text-right tabular-nums">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

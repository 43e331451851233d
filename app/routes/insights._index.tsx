// Public insights: where supply meets demand by sector (and where it does not: scouting
// gaps), and how ideas have spread, over time and by diffusion model.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { Chart, FigureTable } from "../components/chart";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { ListOrEmpty } from "../components/list-or-empty";
import { Section } from "../components/section";
import { isBrokerRole } from "../domain/broker-roles";
import { cumulative, GOOD_MATCH_SCORE } from "../domain/insights";
import { sectorNames } from "../domain/sector-names";
import type { caseStudyStatuses } from "../domain/vocabulary";
import { diffusionModelLabels, sectorLabels, type Sector } from "../domain/vocabulary";
import { publicInsights } from "../models/insights.server";
import { groupedBarChart, yearLineChart } from "../utils/charts.server";
import { getExchange } from "../utils/exchange.server";
import type { loader as rootLoader } from "../root";

export const meta: MetaFunction = () => [
  { title: "Insights | Innovation Exchange" },
  { name: "description", content: "Supply and demand of public-service innovation by sector, scouting gaps, and how ideas have been adopted over time." },
];

const statusLabels = { adopted: "Adopted", piloting: "Piloting", stopped: "Stopped" } as const;
/** Adopted first: it is the line that matters most, drawn solid. */
const statusOrder = ["adopted", "piloting", "stopped"] as const satisfies readonly (typeof caseStudyStatuses)[number][];

function most<T>(rows: T[], value: (row: T) => number): T | null {
  return rows.reduce<T | null>((best, row) => (value(row) > (best ? value(best) : 0) ? row : best), null);
}

export async function loader(_args: LoaderFunctionArgs) {
  const insights = publicInsights(getExchange().db);
  const shown = insights.sectors.filter((row) => row.ideas || row.needs);
  const topSupply = most(shown, (row) => row.ideas);
  const topDemand = most(shown, (row) => row.needs);
  const supplyChart = groupedBarChart({
    title: "Published ideas, open needs and scouting gaps by sector",
    description: shown.length
      ? `${topSupply ? `${sectorLabels[topSupply.sector]} has the most published ideas (${topSupply.ideas}). ` : ""}${
          topDemand ? `${sectorLabels[topDemand.sector]} has the most open needs (${topDemand.needs}). ` : "There are no open needs. "
        }${insights.gaps.length} of ${insights.totals.needs} open needs have no good match.`
      : "There are no published ideas or open needs yet.",
    categories: shown.map((row) => sectorLabels[row.sector]),
    series: [
      { key: "ideas", label: "Published ideas" },
      { key: "needs", label: "Open needs" },
      { key: "gaps", label: "Scouting gaps (open needs with no good match)" },
    ],
    values: shown.map((row) => [row.ideas, row.needs, row.gaps]),
    axisLabel: "Number of ideas or needs (an item in two sectors counts in both)",
  });

  const years = insights.adoptions.years;
  const running = cumulative(years);
  const lastYear = running[running.length - 1];
  const timeChart = yearLineChart({
    title: "Case studies over time: running totals by status",
    description: lastYear
      ? `From ${years[0].year} to ${lastYear.year}: ${lastYear.adopted} adopted, ${lastYear.piloting} piloting and ${lastYear.stopped} stopped case studies, counted in the year each began.`
      : "No case study has a year yet.",
    years: years.map((year) => year.year),
    series: statusOrder.map((status) => ({ key: status, label: statusLabels[status], values: running.map((year) => year[status]) })),
    axisLabel: "Year the case study began",
  });

  const topModel = most(insights.byModel, (row) => row.adopted);
  const modelChart = groupedBarChart({
    title: "Case studies by the diffusion models their idea offers",
    description: topModel
      ? `Ideas that spread by ${diffusionModelLabels[topModel.model].split(" (")[0].toLowerCase()} have the most adoptions (${topModel.adopted}). An idea offering two models counts in both.`
      : "No case study has been recorded yet.",
    categories: insights.byModel.map((row) => diffusionModelLabels[row.model].split(" (")[0]),
    series: statusOrder.map((status) => ({ key: status, label: statusLabels[status] })),
    values: insights.byModel.map((row) => statusOrder.map((status) => row[status])),
    axisLabel: "Number of case studies",
    labelWidth: 120,
  });

  return json(
    {
      totals: insights.totals,
      sectors: shown,
      gaps: insights.gaps,
      years: years
        .filter((year) => year.adopted || year.piloting || year.stopped)
        .map((year) => ({ ...year, runningAdopted: running[year.year - years[0].year].adopted })),
      undated: insights.adoptions.undated,
      byModel: insights.byModel,
      charts: { supply: supplyChart, time: timeChart, model: modelChart },
    },
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded border border-slate-300 p-4">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-3xl font-bold tabular-nums">{value}</dd>
    </div>
  );
}

export default function Insights() {
  const { totals, sectors, gaps, years, undated, byModel, charts } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const isBroker = isBrokerRole(root?.user?.role);
  return (
    <div className="max-w-4xl">
      <h1 className="text-3xl font-bold">Insights</h1>
      <p className="mt-3 text-lg">
        Where commissioners’ needs meet a supply of workable ideas, where they do not yet, and how ideas on the exchange have spread. Built from published
        ideas, their case studies and open needs; the underlying data is on the{" "}
        <Link to="/data" className="link">
          open data
        </Link>{" "}
        page.
      </p>
      {isBroker ? (
        <p className="mt-3 rounded bg-sky-50 p-3">
          <Link to="/insights/brokers" className="font-semibold link">
            Broker figures
          </Link>
          : the match funnel and time in the review queues.
        </p>
      ) : null}
      <dl className="mt-6 grid grid-cols-2 gap-4 md:grid-cols-4">
        <Figure label="Published ideas" value={totals.ideas} />
        <Figure label="Open needs" value={totals.needs} />
        <Figure label="Case studies" value={totals.caseStudies} />
        <Figure label="Scouting gaps" value={gaps.length} />
      </dl>

      <Section id="supply-heading" title="Supply and demand by sector" className="mt-10">
        <p className="mt-2">
          Published ideas are the supply, open needs the demand. A <strong>scouting gap</strong> is an open need with no good match: no suggested match scoring{" "}
          {GOOD_MATCH_SCORE} or more that was not declined (and none a broker has taken forward) or, before any match has been suggested, no published idea in
          its sectors that offers a diffusion model it accepts and has been adopted somewhere or has evidence at level 3 or above. Gaps are where brokers should
          go looking for ideas.
        </p>
        <Chart spec={charts.supply} />
        <FigureTable
          caption="Published ideas, open needs and scouting gaps by sector"
          headers={["Sector", "Published ideas", "Open needs", "Scouting gaps"]}
          rows={sectors.map((row) => [sectorLabels[row.sector as Sector], row.ideas, row.needs, row.gaps])}
        />
        <h3 className="mt-6 text-xl font-semibold">Scouting gaps</h3>
        <ListOrEmpty items={gaps} className="mt-2 space-y-2" empty={<p className="mt-2">Every open need has at least one good match.</p>}>
          {(gap) => (
            <li key={gap.slug}>
              <Link to={`/needs/${gap.slug}`} className="font-semibold link">
                {gap.title}
              </Link>{" "}
              <span className="text-slate-700">
                ({sectorNames(gap.sectors)}): {gap.reason}
              </span>
            </li>
          )}
        </ListOrEmpty>
      </Section>

      <Section id="time-heading" title="Adoptions over time" className="mt-10">
        <p className="mt-2">
          Each case study is a place that adopted an idea, is piloting it, or tried it and stopped. The lines are running totals by the year each began
          {undated ? ` (${undated} case ${undated === 1 ? "study has" : "studies have"} no year and ${undated === 1 ? "is" : "are"} left out)` : ""}.
        </p>
        <Chart spec={charts.time} />
        <FigureTable
          caption="Case studies by the year they began (years with none are left out)"
          headers={["Year", "Adopted", "Piloting", "Stopped", "Adopted, running total"]}
          rows={years.map((year) => [year.year, year.adopted, year.piloting, year.stopped, year.runningAdopted])}
        />
      </Section>

      <Section id="model-heading" title="Adoptions by diffusion model" className="mt-10">
        <p className="mt-2">How the ideas behind each case study may spread: copied freely, franchised, taken over wholesale, or grown by their owner.</p>
        <Chart spec={charts.model} />
        <FigureTable
          caption="Case studies by the diffusion models their idea offers"
          headers={["Diffusion model", "Ideas offering it", "Adopted", "Piloting", "Stopped"]}
          rows={byModel.map((row) => [diffusionModelLabels[row.model], row.ideas, row.adopted, row.piloting, row.stopped])}
        />
      </Section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

// Broker figures: how matches move from suggestion to adoption, and how long items wait in
// each review queue against its service level. Brokers and admins only.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Chart, FigureTable } from "../components/chart";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { LinkParagraph } from "../components/link-paragraph";
import { PageHeading } from "../components/page-heading";
import { Section } from "../components/section";
import { brokerRoles } from "../domain/broker-roles";
import { reviewItemLabels, reviewItemPluralLabels } from "../domain/review-workflow";
import { matchStatusLabels } from "../domain/vocabulary";
import { brokerInsights } from "../models/insights.server";
import { groupedBarChart } from "../utils/charts.server";
import { getExchange } from "../utils/exchange.server";
import { requireRole } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Broker insights | Innovation Exchange" }];

const days = (value: number | null) => (value === null ? "–" : value.toFixed(1));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, brokerRoles);
  const { db, env } = getExchange();
  const serviceLevelDays = env.REVIEW_SERVICE_LEVEL_DAYS;
  const insights = brokerInsights(db, { brokerId: user.id, serviceLevelDays, now: new Date() });
  const total = insights.funnel.reduce((sum, row) => sum + row.count, 0);
  const adopted = insights.funnel.find((row) => row.status === "adopted")?.count ?? 0;
  const funnelChart = groupedBarChart({
    title: "Matches by status",
    description: total
      ? `${total} matches: ${insights.funnel.map((row) => `${row.count} ${matchStatusLabels[row.status].toLowerCase()}`).join(", ")}. ${adopted} reached adoption.`
      : "No matches have been suggested yet.",
    categories: insights.funnel.map((row) => matchStatusLabels[row.status]),
    series: [{ key: "count", label: "Matches" }],
    values: insights.funnel.map((row) => [row.count]),
    axisLabel: "Number of matches at each status now",
    labelWidth: 110,
  });
  const decided = insights.queues.filter((queue) => queue.decided);
  const slowest = decided.reduce<(typeof decided)[number] | null>(
    (worst, queue) => ((queue.medianDays ?? 0) > (worst?.medianDays ?? -1) ? queue : worst),
    null,
  );
  const queueChart = groupedBarChart({
    title: `Working days in each review queue, against the service level of ${serviceLevelDays} working days`,
    description: decided.length
      ? `Over the last ${insights.sinceDays} days, ${decided
          .map(
            (queue) =>
              `${reviewItemPluralLabels[queue.itemType].toLowerCase()}: median ${days(queue.medianDays)}, 90th percentile ${days(queue.p90Days)} working days`,
          )
          .join("; ")}. ${slowest ? `The slowest queue is ${reviewItemPluralLabels[slowest.itemType].toLowerCase()}.` : ""}`
      : `No review was decided in the last ${insights.sinceDays} days.`,
    categories: insights.queues.map((queue) => reviewItemPluralLabels[queue.itemType]),
    series: [
      { key: "median", label: "Median" },
      { key: "p90", label: "90th percentile" },
    ],
    values: insights.queues.map((queue) => [queue.medianDays, queue.p90Days]),
    axisLabel: "Working days from submission to decision",
    labelWidth: 110,
    reference: { value: serviceLevelDays, label: `Service level: ${serviceLevelDays} days` },
    format: (value) => (Number.isInteger(value) ? String(value) : value.toFixed(1)),
  });
  return json(
    { serviceLevelDays, sinceDays: insights.sinceDays, funnel: insights.funnel, queues: insights.queues, charts: { funnel: funnelChart, queues: queueChart } },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function BrokerInsights() {
  const { serviceLevelDays, sinceDays, funnel, queues, charts } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-4xl">
      <PageHeading back={{ to: "/insights", label: "All insights" }}>Broker insights</PageHeading>
      <p className="mt-3 text-lg">How matches move towards adoption, and whether the review queues keep their service level.</p>

      <Section id="funnel-heading" title="Match funnel" className="mt-8">
        <p className="mt-2">
          A match moves from suggested to shortlisted, introduced, piloting and adopted, or is declined at any step. “Reached” counts the live matches now at
          that stage or beyond.
        </p>
        <Chart spec={charts.funnel} />
        <FigureTable
          caption="Matches by status"
          headers={["Status", "Matches at this status", "Reached this stage"]}
          rows={funnel.map((row) => [matchStatusLabels[row.status], row.count, row.reached ?? "–"])}
        />
      </Section>

      <Section id="queues-heading" title="Time in the review queues" className="mt-10">
        <p className="mt-2">
          From submission (or resubmission) to a broker’s decision, in working days, for decisions in the last {sinceDays} days. Each item should be decided
          within {serviceLevelDays} working days. Items still waiting are counted separately.
        </p>
        <Chart spec={charts.queues} />
        <FigureTable
          caption={`Review queues against the service level of ${serviceLevelDays} working days`}
          headers={[
            "Queue",
            "Decided",
            "Median days",
            "90th percentile days",
            "Decided within service level",
            "Waiting now",
            "Overdue now",
            "Oldest waiting, days",
          ]}
          rows={queues.map((queue) => [
            reviewItemLabels[queue.itemType],
            queue.decided,
            days(queue.medianDays),
            days(queue.p90Days),
            queue.decided ? `${queue.withinServiceLevel} (${Math.round((100 * queue.withinServiceLevel) / queue.decided)}%)` : "–",
            queue.waiting,
            queue.overdue,
            days(queue.oldestWaitingDays),
          ])}
        />
        <LinkParagraph to="/broker" className="mt-4">
          Go to the review queue
        </LinkParagraph>
      </Section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

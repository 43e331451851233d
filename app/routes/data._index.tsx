// The open data and API page: what can be downloaded, in which format, and the JSON API.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/data-table";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Section } from "../components/section";
import { caseStudyColumns, CSV_LIST_SEPARATOR, ideaColumns, needColumns } from "../domain/open-data";
import { exchangeCounts } from "../models/ideas.server";
import { getExchange } from "../utils/exchange.server";
import { publicBaseUrl } from "../utils/public-url.server";

export const meta: MetaFunction = () => [
  { title: "Open data and API | Innovation Exchange" },
  {
    name: "description",
    content: "Download the exchange's published ideas, case studies and open needs as CSV or JSON, follow the Atom feed, or use the JSON API.",
  },
];

export const links: LinksFunction = () => [{ rel: "alternate", type: "application/atom+xml", title: "New case studies and needs", href: "/feed.atom" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const base = publicBaseUrl(request);
  const describe = <Row,>(columns: { key: string; description: string; value: (row: Row) => unknown }[]) =>
    columns.map(({ key, description }) => ({ key, description }));
  return json(
    {
      base,
      counts: exchangeCounts(getExchange().db),
      columns: {
        ideas: describe(ideaColumns(base)),
        needs: describe(needColumns(base)),
        caseStudies: describe(caseStudyColumns(base)),
      },
    },
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}

function Code({ children }: { children: string }) {
  return <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-sm">{children}</code>;
}

function ColumnTable({ caption, columns }: { caption: string; columns: { key: string; description: string }[] }) {
  return (
    <details className="mt-3">
      <summary className="cursor-pointer link">{caption}</summary>
      <DataTable caption={caption} columns={["Column", "What it holds"]} className="mt-2 max-w-3xl text-sm">
        {columns.map((column) => (
          <tr key={column.key} className="border-b border-slate-200 align-top">
            <th scope="row" data-label="Column" className="py-1 pr-4 font-mono font-normal">
              {column.key}
            </th>
            <td data-label="What it holds" className="py-1">
              {column.description}
            </td>
          </tr>
        ))}
      </DataTable>
    </details>
  );
}

const apiEndpoints: { path: string; description: string; parameters?: string }[] = [
  {
    path: "/api/ideas",
    description: "Search published ideas. Returns { hits, total, page, totalPages, facets }, 20 hits a page.",
    parameters:
      "q (words), sector, diffusionModel, lifecyclePhase, typology, evidenceLevel (repeat a parameter for “any of”, e.g. ?sector=health&sector=ageing), sort (relevance, newest or evidence), page",
  },
  { path: "/api/ideas/{slug}", description: "One published idea with its published case studies and route-specific diffusion detail." },
  {
    path: "/api/needs",
    description: "Search open needs. Returns { hits, total, page, totalPages, facets }.",
    parameters: "q, sector, diffusionModel, fundingRoute (repeatable), page",
  },
  { path: "/api/needs/{slug}", description: "One open need, in the keys of the exchange format." },
  {
    path: "/api/needs/{slug}/matches",
    description:
      "The published ideas the matching engine ranks for an open need, best first: { need, matches: [{ idea, score, reasons }] }. Score 0 to 100; 50 or more offers a diffusion model the need accepts. Status 503 while search is unavailable.",
    parameters: "limit (1 to 50, default 10)",
  },
];

export default function OpenData() {
  const { base, counts, columns } = useLoaderData<typeof loader>();
  const downloads = [
    { href: "/data/ideas.csv", label: "Published ideas (CSV)", detail: `${counts.ideas} rows, one per idea` },
    { href: "/data/ideas.json", label: "Published ideas (JSON, exchange format)", detail: `${counts.ideas} ideas with their case studies` },
    { href: "/data/case-studies.csv", label: "Published case studies (CSV)", detail: `${counts.caseStudies} rows, one per case study` },
    { href: "/data/needs.csv", label: "Open needs (CSV)", detail: `${counts.needs} rows, one per need` },
    { href: "/data/needs.json", label: "Open needs (JSON, exchange format)", detail: `${counts.needs} needs` },
  ];
  return (
    <div className="max-w-4xl">
      <h1 className="text-3xl font-bold">Open data and API</h1>
      <p className="mt-3 text-lg">
        Everything published on the exchange can be downloaded and reused: the ideas, where they have been tried, and the needs commissioners have posted.
        Drafts, items awaiting review and anything about the people who use the exchange are never included.
      </p>

      <Section id="downloads-heading" title="Downloads" className="mt-8">
        <p className="mt-2">The files are built when you ask for them, so they are always up to date.</p>
        <ul className="mt-4 space-y-2">
          {downloads.map((download) => (
            <li key={download.href}>
              <a href={download.href} download className="font-semibold link">
                {download.label}
              </a>{" "}
              <span className="text-slate-700">({download.detail})</span>
            </li>
          ))}
        </ul>

        <h3 className="mt-6 text-xl font-semibold">CSV files</h3>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>
            UTF-8 with a byte order mark (so spreadsheet programs show accents correctly), comma-separated, a header row first, fields quoted where needed (RFC
            4180).
          </li>
          <li>
            Lists such as sectors are written in one cell, separated by <Code>{CSV_LIST_SEPARATOR}</Code>. Vocabulary values are the exchange’s keys (for
            example <Code>children-families</Code>, <Code>franchise</Code>).
          </li>
          <li>
            A text cell that would start with <Code>=</Code>, <Code>+</Code>, <Code>-</Code> or <Code>@</Code> begins with an apostrophe, so a spreadsheet shows
            it as text instead of running it as a formula.
          </li>
          <li>Dates and times are ISO 8601 in UTC.</li>
        </ul>
        <ColumnTable caption="Columns of ideas.csv" columns={columns.ideas} />
        <ColumnTable caption="Columns of case-studies.csv" columns={columns.caseStudies} />
        <ColumnTable caption="Columns of needs.csv" columns={columns.needs} />

        <h3 className="mt-6 text-xl font-semibold">JSON files</h3>
        <p className="mt-2">
          <Code>ideas.json</Code> and <Code>needs.json</Code> are JSON arrays in the exchange format, the same format brokers use to migrate from spreadsheets
          and other exchanges. Another exchange can import them unchanged (here: <Code>npm run exchange -- import ideas ideas.json</Code>). Keys with no value
          are left out.
        </p>
      </Section>

      <Section id="feed-heading" title="Atom feed" className="mt-8">
        <p className="mt-2">
          <a href="/feed.atom" className="font-semibold link">
            New case studies and needs (Atom)
          </a>
          : the 50 most recent case studies and open needs, newest first, each with a link to its page and its sectors as categories. Add{" "}
          <Code>{`${base}/feed.atom`}</Code> to any feed reader.
        </p>
      </Section>

      <Section id="api-heading" title="JSON API" className="mt-8">
        <p className="mt-2">
          Read-only, no key needed. Every response is JSON; an invalid parameter gets status 400 with <Code>{`{ "error": "…", "details": ["…"] }`}</Code> and an
          unknown slug status 404.
        </p>
        <DataTable caption="JSON API endpoints" columns={["Request", "Returns", "Parameters"]} className="mt-4 text-sm">
          {apiEndpoints.map((endpoint) => (
            <tr key={endpoint.path} className="border-b border-slate-200 align-top">
              <th scope="row" data-label="Request" className="py-2 pr-4 font-mono font-normal whitespace-nowrap">
                GET {endpoint.path}
              </th>
              <td data-label="Returns" className="py-2 pr-4">
                {endpoint.description}
              </td>
              <td data-label="Parameters" className="py-2">
                {endpoint.parameters ?? "None"}
              </td>
            </tr>
          ))}
        </DataTable>
        <p className="mt-4">
          Example:{" "}
          <a href="/api/ideas?sector=ageing&diffusionModel=franchise" className="link">
            <Code>/api/ideas?sector=ageing&amp;diffusionModel=franchise</Code>
          </a>
        </p>
        <p className="mt-4">
          The vocabularies (sectors, diffusion models, lifecycle phases and the rest) are listed with their meanings on the{" "}
          <Link to="/ideas" className="link">
            ideas search
          </Link>{" "}
          filters, and figures built from this data are on the{" "}
          <Link to="/insights" className="link">
            insights
          </Link>{" "}
          and{" "}
          <Link to="/network" className="link">
            adopter network
          </Link>{" "}
          pages.
        </p>
      </Section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

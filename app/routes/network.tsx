// The adopter network: ideas, organisations and places, linked by origin, adoption and
// brokered introductions, with each node's degree and betweenness. An interactive diagram
// and a sortable table (plain links and a GET form: it works without JavaScript).
import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FilterSelect } from "../components/filter-select";
import { Section } from "../components/section";
import { SubmitButton } from "../components/submit-button";
import { kindStyles, NetworkDiagram, type DiagramNode } from "../components/network-diagram";
import { Pagination } from "../components/pagination";
import {
  NETWORK_ROWS_PER_PAGE,
  networkTableHref,
  parseNetworkTableParams,
  sortNetworkNodes,
  type NetworkSortKey,
  type NetworkTableParams,
} from "../domain/network-table";
import { getNetworkWithLayout } from "../models/network.server";
import { getExchange } from "../utils/exchange.server";

export const meta: MetaFunction = () => [
  { title: "Adopter network | Innovation Exchange" },
  {
    name: "description",
    content: "How ideas, organisations and places are linked by where ideas began, where they were adopted and who was introduced to whom.",
  },
];

/** Nodes without a page of their own (organisations without an account) link to a search for their ideas. */
const hrefOf = (node: { href: string | null; label: string }) => node.href ?? `/ideas?${new URLSearchParams({ q: node.label })}`;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = parseNetworkTableParams(new URL(request.url).searchParams);
  const { network, layout } = getNetworkWithLayout(getExchange().db);
  const rows = sortNetworkNodes(network.nodes, params);
  const totalPages = Math.max(1, Math.ceil(rows.length / NETWORK_ROWS_PER_PAGE));
  const page = Math.min(params.page, totalPages);
  const byId = new Map(network.nodes.map((node) => [node.id, node]));
  // The layout lists the diagram's nodes most connected first: its tab order and its labels.
  const diagramNodes: DiagramNode[] = layout.nodes.map((at) => {
    const node = byId.get(at.id)!;
    return {
      id: node.id,
      kind: node.kind,
      label: node.label,
      href: hrefOf(node),
      degree: node.degree,
      betweenness: Math.round(node.betweenness * 1000) / 1000,
      roles: node.roles,
      x: at.x,
      y: at.y,
      r: at.r,
    };
  });
  const top = (measure: "degree" | "betweenness") =>
    network.nodes
      .filter((node) => node[measure] > 0)
      .sort((a, b) => b[measure] - a[measure] || a.label.localeCompare(b.label))
      .slice(0, 5)
      .map((node) => ({ label: node.label, href: hrefOf(node), kind: node.kind, degree: node.degree, betweenness: node.betweenness }));
  const count = (kind: string) => network.nodes.filter((node) => node.kind === kind).length;
  return json(
    {
      params: { ...params, page },
      totals: {
        ideas: count("idea"),
        organisations: count("organisation"),
        places: count("place"),
        links: network.edges.length,
        components: network.components,
        largestComponent: network.largestComponent,
        isolatedPlaces: network.nodes.filter((node) => node.roles.includes("isolated")).length,
      },
      hubs: top("degree"),
      gatekeepers: top("betweenness"),
      betweennessSample: network.betweennessSample,
      rows: rows.slice((page - 1) * NETWORK_ROWS_PER_PAGE, page * NETWORK_ROWS_PER_PAGE).map((node) => ({
        id: node.id,
        label: node.label,
        href: hrefOf(node),
        kind: node.kind,
        degree: node.degree,
        betweenness: node.betweenness,
        componentSize: node.componentSize,
        mainComponent: node.component === 0,
        roles: node.roles,
      })),
      matchingRows: rows.length,
      totalPages,
      diagram: { width: layout.width, height: layout.height, nodes: diagramNodes, edges: layout.edges, shown: layout.shown, total: layout.total },
    },
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}

const roleLabels: Record<string, string> = { hub: "Hub", gatekeeper: "Gatekeeper", isolated: "Isolated" };
const sortLabels: Record<NetworkSortKey, string> = { name: "Name", kind: "Kind", degree: "Degree", betweenness: "Betweenness" };

function SortHeader({ params, sort, numeric }: { params: NetworkTableParams; sort: NetworkSortKey; numeric?: boolean }) {
  const current = params.sort === sort;
  const nextDir = current ? (params.dir === "asc" ? "desc" : "asc") : numeric ? "desc" : "asc";
  return (
    <th
      scope="col"
      className={`py-2 pr-4 ${numeric ? "text-right" : ""}`}
      aria-sort={current ? (params.dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link to={`${networkTableHref(params, { sort, dir: nextDir })}#network-table`} className="link" preventScrollReset>
        {sortLabels[sort]}
        {current ? <span aria-hidden="true">{params.dir === "asc" ? " ▲" : " ▼"}</span> : null}
        <span className="sr-only">
          {current ? `, sorted ${params.dir === "asc" ? "lowest" : "highest"} first` : ""}
          {`: sort ${nextDir === "asc" ? (numeric ? "lowest first" : "A to Z") : numeric ? "highest first" : "Z to A"}`}
        </span>
      </Link>
    </th>
  );
}

function NodeList({
  title,
  nodes,
  measure,
}: {
  title: string;
  nodes: { label: string; href: string; kind: string; degree: number; betweenness: number }[];
  measure: "degree" | "betweenness";
}) {
  return (
    <div>
      <h3 className="font-semibold">{title}</h3>
      {nodes.length ? (
        <ol className="mt-1 list-decimal space-y-1 pl-5">
          {nodes.map((node) => (
            <li key={node.href}>
              <Link to={node.href} className="link">
                {node.label}
              </Link>{" "}
              <span className="text-slate-700">
                ({kindStyles[node.kind as keyof typeof kindStyles].label.toLowerCase()},{" "}
                {measure === "degree" ? `${node.degree} links` : `betweenness ${node.betweenness.toFixed(3)}`})
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-1">None yet.</p>
      )}
    </div>
  );
}

const kindOptions = [
  { value: "all", label: "All kinds" },
  { value: "idea", label: "Ideas" },
  { value: "organisation", label: "Organisations" },
  { value: "place", label: "Places" },
];
const roleOptions = [
  { value: "any", label: "Any role" },
  { value: "hub", label: "Hubs" },
  { value: "gatekeeper", label: "Gatekeepers" },
  { value: "isolated", label: "Isolated places" },
];
const filterSelectClass = "mt-1 rounded border border-slate-500 px-2 py-1.5";

const sortableColumns: { sort: NetworkSortKey; numeric?: boolean }[] = [
  { sort: "name" },
  { sort: "kind" },
  { sort: "degree", numeric: true },
  { sort: "betweenness", numeric: true },
];
const plainColumns = ["Group", "Role"];

type NodeRow = SerializeFrom<typeof loader>["rows"][number];

/** Every node, a page at a time: the filters, the sortable table and its pages. The skip link lands on its heading. */
function NodeTable({ params, rows, matchingRows, totalPages }: { params: NetworkTableParams; rows: NodeRow[]; matchingRows: number; totalPages: number }) {
  return (
    <section className="mt-10" aria-labelledby="network-table">
      <h2 id="network-table" tabIndex={-1} className="text-2xl font-semibold focus:outline-none">
        All nodes
      </h2>
      <Form method="get" action="/network" className="mt-3 flex flex-wrap items-end gap-4" preventScrollReset>
        <input type="hidden" name="sort" value={params.sort} />
        <input type="hidden" name="dir" value={params.dir} />
        <FilterSelect id="network-kind" name="kind" label="Kind" defaultValue={params.kind} options={kindOptions} selectClassName={filterSelectClass} />
        <FilterSelect id="network-role" name="role" label="Role" defaultValue={params.role} options={roleOptions} selectClassName={filterSelectClass} />
        <SubmitButton>Show nodes</SubmitButton>
      </Form>
      <p className="mt-3" role="status">
        {matchingRows} {matchingRows === 1 ? "node" : "nodes"}
        {totalPages > 1 ? `, page ${params.page} of ${totalPages}` : ""}
      </p>
      <div className="mt-2 overflow-x-auto">
        <table className="stacked-table w-full border-collapse text-left text-sm">
          <caption className="sr-only">
            Nodes of the adopter network, sorted by {sortLabels[params.sort].toLowerCase()}, {params.dir === "asc" ? "lowest or A first" : "highest or Z first"}
          </caption>
          <thead>
            <tr className="border-b border-slate-400">
              {sortableColumns.map((column) => (
                <SortHeader key={column.sort} params={params} sort={column.sort} numeric={column.numeric} />
              ))}
              {plainColumns.map((label, index) => (
                <th key={label} scope="col" className={index < plainColumns.length - 1 ? "py-2 pr-4" : "py-2"}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-200">
                <th scope="row" data-label="Name" className="py-1.5 pr-4 font-normal">
                  <Link to={row.href} className="link">
                    {row.label}
                  </Link>
                </th>
                <td data-label="Kind" className="py-1.5 pr-4">
                  {kindStyles[row.kind].label}
                </td>
                <td data-label="Degree" className="py-1.5 pr-4 text-right tabular-nums">
                  {row.degree}
                </td>
                <td data-label="Betweenness" className="py-1.5 pr-4 text-right tabular-nums">
                  {row.betweenness.toFixed(3)}
                </td>
                <td data-label="Group" className="py-1.5 pr-4">
                  {row.mainComponent ? "Main network" : `Separate (${row.componentSize} nodes)`}
                </td>
                <td data-label="Role" className="py-1.5">
                  {row.roles.map((role) => roleLabels[role]).join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={params.page} totalPages={totalPages} />
    </section>
  );
}

export default function NetworkPage() {
  const { params, totals, hubs, gatekeepers, betweennessSample, rows, matchingRows, totalPages, diagram } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">Adopter network</h1>
      <p className="mt-3 max-w-3xl text-lg">
        Innovations spread through networks of people, organisations and places. Here every published idea is linked to where it began and who runs it, to the
        places that adopted or are piloting it, and to the commissioners brokers have introduced it to.
      </p>
      <dl className="mt-6 grid max-w-4xl grid-cols-2 gap-4 md:grid-cols-4">
        {[
          ["Ideas", totals.ideas],
          ["Organisations", totals.organisations],
          ["Places", totals.places],
          ["Links", totals.links],
        ].map(([label, value]) => (
          <div key={label} className="rounded border border-slate-300 p-4">
            <dt className="text-sm text-slate-700">{label}</dt>
            <dd className="text-3xl font-bold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 max-w-3xl">
        The largest connected group holds {totals.largestComponent} of {totals.ideas + totals.organisations + totals.places} nodes; there are{" "}
        {totals.components} separate groups in all, and {totals.isolatedPlaces} places are cut off from the main network.
      </p>

      <Section id="roles-heading" title="Hubs and gatekeepers" className="mt-8 max-w-4xl">
        <p className="mt-2">
          <strong>Degree</strong> counts a node’s direct links: <strong>hubs</strong> have the most. <strong>Betweenness</strong> is the share of shortest paths
          between other nodes that pass through a node, from 0 to 1: <strong>gatekeepers</strong> connect parts of the network that would otherwise be far
          apart. <strong>Isolated</strong> places are cut off from the main network, linked only to a single idea that reaches no one else.
          {betweennessSample
            ? ` With this many nodes, betweenness is estimated from the shortest paths of ${betweennessSample} sampled nodes rather than all of them.`
            : ""}
        </p>
        <div className="mt-4 grid gap-6 md:grid-cols-2">
          <NodeList title="Most connected" nodes={hubs} measure="degree" />
          <NodeList title="Main gatekeepers" nodes={gatekeepers} measure="betweenness" />
        </div>
      </Section>

      <Section id="diagram-heading" title="The network" className="mt-10">
        <p className="mt-2 max-w-3xl">
          Larger shapes have more links. Every shape is a link to its page; with the keyboard, Tab moves into the diagram and the arrow keys move between
          shapes, most connected first.{" "}
          {diagram.shown < diagram.total
            ? `The diagram shows the ${diagram.shown} most connected of ${diagram.total} nodes; the table below has them all.`
            : "The table below has the same nodes and measures."}
        </p>
        <a href="#network-table" className="mt-2 inline-block link">
          Skip the diagram and go to the table
        </a>
        <ul className="mt-3 flex flex-wrap gap-4 text-sm" aria-label="Key">
          {(["idea", "organisation", "place"] as const).map((kind) => (
            <li key={kind} className="flex items-center gap-2">
              <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16">
                {kind === "idea" ? (
                  <circle cx="8" cy="8" r="6" fill={kindStyles[kind].colour} />
                ) : kind === "organisation" ? (
                  <rect x="2" y="2" width="12" height="12" fill={kindStyles[kind].colour} />
                ) : (
                  <path d="M8,0L16,8L8,16L0,8Z" fill={kindStyles[kind].colour} />
                )}
              </svg>
              {kindStyles[kind].label} ({kindStyles[kind].shape})
            </li>
          ))}
        </ul>
        <NetworkDiagram width={diagram.width} height={diagram.height} nodes={diagram.nodes} edges={diagram.edges} labelled={8} />
      </Section>

      <NodeTable params={params} rows={rows} matchingRows={matchingRows} totalPages={totalPages} />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

// The sortable table of /network: its query parameters (so the table works as plain links
// and a GET form, without JavaScript) and the sort itself. Pure.
import { z } from "zod";

export const NETWORK_ROWS_PER_PAGE = 50;

export const networkSortKeys = ["name", "kind", "degree", "betweenness"] as const;
export type NetworkSortKey = (typeof networkSortKeys)[number];

export const networkKindFilters = ["all", "idea", "organisation", "place"] as const;
export const networkRoleFilters = ["any", "hub", "gatekeeper", "isolated"] as const;

/** Unknown or malformed values fall back to the defaults: a table is not worth an error page. */
export const networkTableSchema = z.object({
  sort: z.enum(networkSortKeys).catch("betweenness").default("betweenness"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  kind: z.enum(networkKindFilters).catch("all").default("all"),
  role: z.enum(networkRoleFilters).catch("any").default("any"),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});
export type NetworkTableParams = {
  sort: NetworkSortKey;
  dir: "asc" | "desc";
  kind: (typeof networkKindFilters)[number];
  role: (typeof networkRoleFilters)[number];
  page: number;
};

/** Names and kinds read A to Z by default; measures highest first. */
export function defaultDirection(sort: NetworkSortKey): "asc" | "desc" {
  return sort === "name" || sort === "kind" ? "asc" : "desc";
}

export function parseNetworkTableParams(search: URLSearchParams): NetworkTableParams {
  const parsed = networkTableSchema.parse(Object.fromEntries(search));
  return { ...parsed, dir: parsed.dir ?? defaultDirection(parsed.sort) };
}

type SortableNode = { label: string; kind: string; degree: number; betweenness: number; roles: readonly string[] };

const collator = new Intl.Collator("en-GB", { sensitivity: "base", numeric: true });

/** Filters and sorts; ties fall back to betweenness, then degree, then name, so the order is stable. */
export function sortNetworkNodes<T extends SortableNode>(nodes: readonly T[], params: Pick<NetworkTableParams, "sort" | "dir" | "kind" | "role">): T[] {
  const sign = params.dir === "asc" ? 1 : -1;
  const compare: Record<NetworkSortKey, (a: T, b: T) => number> = {
    name: (a, b) => collator.compare(a.label, b.label),
    kind: (a, b) => a.kind.localeCompare(b.kind),
    degree: (a, b) => a.degree - b.degree,
    betweenness: (a, b) => a.betweenness - b.betweenness,
  };
  return nodes
    .filter((node) => params.kind === "all" || node.kind === params.kind)
    .filter((node) => params.role === "any" || node.roles.includes(params.role))
    .sort((a, b) => sign * compare[params.sort](a, b) || b.betweenness - a.betweenness || b.degree - a.degree || collator.compare(a.label, b.label));
}

/** The query string of the table with some parameters changed (defaults left out, page reset unless given). */
export function networkTableHref(params: NetworkTableParams, change: Partial<NetworkTableParams>): string {
  const next = { ...params, page: 1, ...change };
  const query = new URLSearchParams();
  if (next.sort !== "betweenness") query.set("sort", next.sort);
  if (next.dir !== defaultDirection(next.sort)) query.set("dir", next.dir);
  if (next.kind !== "all") query.set("kind", next.kind);
  if (next.role !== "any") query.set("role", next.role);
  if (next.page !== 1) query.set("page", String(next.page));
  const text = query.toString();
  return `/network${text ? `?${text}` : ""}`;
}

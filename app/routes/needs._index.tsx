import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { NeedFacts } from "../components/need-facts";
import { Pagination } from "../components/pagination";
import { needSearchSchema, parseSearch } from "../domain/search-params";
import { sectorLabels, sectors } from "../domain/vocabulary";
import type { NeedRow } from "../../db/schema";
import { searchNeeds } from "../models/search.server";
import { getExchange } from "../utils/exchange.server";
import { Banner } from "../components/banner";

export const meta: MetaFunction = () => [{ title: "Open needs | Innovation Exchange" }];

const empty = { hits: [] as NeedRow[], total: 0, page: 1, totalPages: 0, facets: { sectors: {} as Record<string, number> } };

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearch(needSearchSchema, new URL(request.url).searchParams);
  if (!parsed.ok) return json({ q: "", sector: [] as string[], result: empty, errors: parsed.plain, unavailable: false }, { status: 400 });
  const { db, meili } = getExchange();
  const { degraded, ...result } = await searchNeeds(db, meili, parsed.params);
  return json({ q: parsed.params.q, sector: parsed.params.sector as string[], result, errors: [] as string[], unavailable: degraded });
}

export default function NeedsIndex() {
  const { q, sector, result, errors, unavailable } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">Open needs</h1>
      <p className="mt-2 max-w-3xl text-slate-700">Challenges posted by councils, health and police commissioners, looking for ideas that worked elsewhere.</p>
      {errors.length ? (
        <Banner tone="error">
          <ul className="list-disc pl-5">
            {errors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      {unavailable ? <Banner tone="warning">Search is in reduced mode: results come from a simpler index. Full search will be back shortly.</Banner> : null}
      <Form method="get" className="mt-6 flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="needs-q" className="block font-semibold">
            Search needs
          </label>
          <input id="needs-q" name="q" type="search" defaultValue={q} maxLength={200} className="mt-1 w-72 rounded border-2 border-slate-700 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="needs-sector" className="block font-semibold">
            Sector
          </label>
          <select id="needs-sector" name="sector" defaultValue={sector[0] ?? ""} className="mt-1 rounded border-2 border-slate-700 px-3 py-2">
            <option value="">All sectors</option>
            {sectors.map((value) => (
              <option key={value} value={value}>
                {sectorLabels[value]} ({result.facets.sectors[value] ?? 0})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Search
        </button>
      </Form>
      <p role="status" className="mt-6 font-semibold">
        {result.total} open {result.total === 1 ? "need" : "needs"}
      </p>
      {result.hits.length === 0 ? <p className="mt-2 rounded bg-slate-50 p-4">No open needs match this search.</p> : null}
      <ul className="mt-4 space-y-6">
        {result.hits.map((need) => (
          <li key={need.slug} className="border-b border-slate-200 pb-4">
            <h2 className="text-xl font-semibold">
              <Link to={`/needs/${need.slug}`} className="link-offset-4 hover:underline">
                {need.title}
              </Link>
            </h2>
            <p className="mt-1 line-clamp-3 max-w-3xl">{need.problem}</p>
            <NeedFacts {...need} />
          </li>
        ))}
      </ul>
      <Pagination page={result.page} totalPages={result.totalPages} />
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ideaSearchSchema, parseSearch } from "../domain/search-params";
import { FACETS_HEADER, facetsWanted, searchIdeas } from "../models/search.server";
import { apiError } from "../utils/api.server";
import { getExchange } from "../utils/exchange.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearch(ideaSearchSchema, new URL(request.url).searchParams);
  if (!parsed.ok) return apiError(400, parsed.errors.join("; "), parsed.errors);
  const { db, meili } = getExchange();
  const result = await searchIdeas(db, meili, parsed.params, { facets: facetsWanted(request) });
  return json(
    {
      hits: result.hits.map(({ highlight: _highlight, ...hit }) => hit),
      total: result.total,
      page: result.page,
      totalPages: result.totalPages,
      facets: result.facets,
      degraded: result.degraded,
    },
    { headers: { "Cache-Control": result.degraded ? "no-store" : "public, max-age=10", Vary: FACETS_HEADER } },
  );
}

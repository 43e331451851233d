import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ideaSearchSchema, parseSearch } from "../domain/search-params";
import { SearchUnavailableError, searchIdeas } from "../models/search.server";
import { apiError } from "../utils/api.server";
import { getExchange } from "../utils/exchange.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearch(ideaSearchSchema, new URL(request.url).searchParams);
  if (!parsed.ok) return apiError(400, parsed.errors.join("; "), parsed.errors);
  const { db, meili } = getExchange();
  try {
    const result = await searchIdeas(db, meili, parsed.params);
    return json(
      {
        hits: result.hits.map(({ highlight: _highlight, ...hit }) => hit),
        total: result.total,
        page: result.page,
        totalPages: result.totalPages,
        facets: result.facets,
      },
      { headers: { "Cache-Control": "public, max-age=10" } },
    );
  } catch (error) {
    if (error instanceof SearchUnavailableError) return apiError(503, "Search is temporarily unavailable; try again shortly");
    throw error;
  }
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { needSearchSchema, parseSearch } from "../domain/search-params";
import { needToApi } from "../models/needs.server";
import { searchNeeds } from "../models/search.server";
import { apiError } from "../utils/api.server";
import { getExchange } from "../utils/exchange.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearch(needSearchSchema, new URL(request.url).searchParams);
  if (!parsed.ok) return apiError(400, parsed.errors.join("; "), parsed.errors);
  const { db, meili } = getExchange();
  const result = await searchNeeds(db, meili, parsed.params);
  return json({
    hits: result.hits.map(needToApi),
    total: result.total,
    page: result.page,
    totalPages: result.totalPages,
    facets: result.facets,
    degraded: result.degraded,
  });
}

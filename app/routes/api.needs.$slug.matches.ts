import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { MAX_MATCH_LIMIT, rankIdeasForNeedSlug, matchesToJson, parseMatchLimit } from "../models/matching.server";
import { SearchUnavailableError } from "../models/search.server";
import { apiError } from "../utils/api.server";
import { getExchange } from "../utils/exchange.server";

/**
 * GET /api/needs/:slug/matches?limit=N: the matching engine's ideas for an open need, best
 * first, as `{ need, matches: [{ idea, score, reasons }] }` (one element of the CLI's
 * `match --json`).
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const limit = parseMatchLimit(new URL(request.url).searchParams.get("limit"));
  if (limit === null) return apiError(400, `limit must be a whole number from 1 to ${MAX_MATCH_LIMIT}`);
  const { db, meili } = getExchange();
  try {
    const result = await rankIdeasForNeedSlug(db, meili, params.slug ?? "", { limit, openOnly: true });
    if (!result) return apiError(404, `No open need has the slug "${params.slug}"`);
    return json(matchesToJson(result.need.slug, result.ranked), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof SearchUnavailableError) return apiError(503, "Search is temporarily unavailable; try again shortly");
    throw error;
  }
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { findSimilarIdeas } from "../models/search.server";
import { apiError } from "../utils/api.server";
import { getExchange } from "../utils/exchange.server";

const schema = z.object({
  title: z.string().max(200, "title must be at most 200 characters").default(""),
  summary: z.string().max(2000, "summary must be at most 2000 characters").default(""),
  exclude: z.string().max(120).optional(),
});

/** Published ideas similar to a title and summary being written (the duplicate warning). */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) return apiError(400, parsed.error.issues.map((issue) => issue.message).join("; "));
  const { db, meili } = getExchange();
  try {
    const ideas = await findSimilarIdeas(db, meili, parsed.data);
    return json({ ideas }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return json({ ideas: [] });
  }
}

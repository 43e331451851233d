import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getOpenNeed, needToApi } from "../models/needs.server";
import { apiError } from "../utils/api.server";
import { getExchange } from "../utils/exchange.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const need = getOpenNeed(getExchange().db, params.slug ?? "");
  if (!need) return apiError(404, `No open need has the slug "${params.slug}"`);
  return json(needToApi(need));
}

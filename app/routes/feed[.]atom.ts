// Atom feed of new case studies and new (or changed) open needs.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomFeed } from "../models/open-data.server";
import { getExchange } from "../utils/exchange.server";
import { publicBaseUrl } from "../utils/public-url.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return new Response(atomFeed(getExchange().db, publicBaseUrl(request)), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}

// Published case studies of published ideas as CSV (one row per case study).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseStudiesCsv } from "../models/open-data.server";
import { downloadResponse } from "../utils/download.server";
import { getExchange } from "../utils/exchange.server";
import { publicBaseUrl } from "../utils/public-url.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return downloadResponse(caseStudiesCsv(getExchange().db, publicBaseUrl(request)), { type: "text/csv", filename: "case-studies.csv" });
}

// Published ideas as CSV (one row per idea); the columns are documented on /data.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { ideasCsv } from "../models/open-data.server";
import { downloadResponse } from "../utils/download.server";
import { getExchange } from "../utils/exchange.server";
import { publicBaseUrl } from "../utils/public-url.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return downloadResponse(ideasCsv(getExchange().db, publicBaseUrl(request)), { type: "text/csv", filename: "ideas.csv" });
}

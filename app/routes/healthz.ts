import { json } from "@remix-run/node";
import { exchangeHealth } from "../models/health.server";
import { getExchange } from "../utils/exchange.server";

export async function loader() {
  return json(await exchangeHealth(getExchange()), { headers: { "Cache-Control": "no-store" } });
}

// Open needs in the exchange format (shared/DOMAIN.md): the file round-trips through
// `npm run exchange -- import needs`.
import { exportNeeds } from "../models/exchange-export.server";
import { downloadResponse } from "../utils/download.server";
import { getExchange } from "../utils/exchange.server";

export async function loader() {
  return downloadResponse(`${JSON.stringify(exportNeeds(getExchange().db), null, 2)}\n`, { type: "application/json", filename: "needs.json" });
}

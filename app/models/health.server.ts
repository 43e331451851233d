import { isMeiliHealthy } from "../../search/client";
import { outboxLag } from "../../search/outbox-relay";
import type { ExchangeContext } from "../utils/exchange.server";

export async function exchangeHealth({ db, meili }: Pick<ExchangeContext, "db" | "meili">) {
  const search = await isMeiliHealthy(meili.config.host);
  return { status: "ok" as const, search: search ? ("ok" as const) : ("unavailable" as const), outbox: outboxLag(db) };
}

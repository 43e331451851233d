// A process that commits an import (rows + outbox rows) and then waits, never relaying:
// the fault test SIGKILLs it there, between the commit and the relay.
import { importIdeas } from "../../app/models/exchange-import.server";
import { openExchange } from "../../app/utils/exchange.server";
import { readEnv } from "../../app/utils/env.server";
import { ideaFormat } from "../../app/domain/exchange-format";

const count = Number(process.argv[2] ?? 200);
const context = await openExchange({ env: readEnv(), relay: false, log: () => {} });
const items = Array.from({ length: count }, (_, n) =>
  ideaFormat.parse({
    slug: `killed-before-relay-${n}`,
    title: `Idea committed before a crash ${n}`,
    summary: "Written to SQLite; the process dies before the search index hears of it.",
    sectors: ["digital-data"],
    diffusionModels: ["uncontrolled"],
  }),
);
importIdeas(context.db, items);
process.stdout.write("committed\n");
setInterval(() => {}, 1000);

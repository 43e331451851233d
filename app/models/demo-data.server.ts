// Demo data for `npm start` on an empty database: real public-service innovations written
// for this exchange, a handful of open needs, and one account per role.
import fs from "node:fs";
import path from "node:path";
import { count, eq, inArray } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { ideas, needs } from "../../db/schema";
import { ideaFormat, needFormat, validateExchangeFile, formatProblem } from "../domain/exchange-format";
import type { Role } from "../domain/vocabulary";
import { importIdeas, importNeeds } from "./exchange-import.server";
import { createUser, getUserByEmail } from "./users.server";

export const demoPassword = "exchange-demo-2026";

export const demoAccounts: { email: string; displayName: string; role: Role; organisationName: string }[] = [
  { email: "innovator@demo.example", displayName: "Ines Innovator", role: "innovator", organisationName: "Bromley by Bow Centre" },
  { email: "commissioner@demo.example", displayName: "Colin Commissioner", role: "commissioner", organisationName: "Northshire County Council" },
  { email: "broker@demo.example", displayName: "Bea Broker", role: "broker", organisationName: "Innovation Exchange" },
  { email: "admin@demo.example", displayName: "Ada Admin", role: "admin", organisationName: "Innovation Exchange" },
];

const demoDir = path.resolve(process.env.DEMO_DIR ?? "db/demo");

function readDemoFile<T>(file: string, schema: typeof ideaFormat | typeof needFormat): T[] {
  const data: unknown = JSON.parse(fs.readFileSync(path.join(demoDir, file), "utf8"));
  const result = validateExchangeFile(schema, data);
  if (!result.ok) throw new Error(`Demo data ${file} is invalid:\n${result.problems.map(formatProblem).join("\n")}`);
  return result.items as T[];
}

export function isDatabaseEmpty(db: ExchangeDb): boolean {
  const [row] = db.select({ n: count() }).from(ideas).all();
  return (row?.n ?? 0) === 0;
}

export async function loadDemoData(db: ExchangeDb): Promise<{ ideas: number; needs: number }> {
  const ideaItems = readDemoFile<import("../domain/exchange-format").IdeaFormat>("ideas.json", ideaFormat);
  const needItems = readDemoFile<import("../domain/exchange-format").NeedFormat>("needs.json", needFormat);
  importIdeas(db, ideaItems);
  importNeeds(db, needItems);
  for (const account of demoAccounts) {
    if (!getUserByEmail(db, account.email)) await createUser(db, { ...account, password: demoPassword });
  }
  // The demo innovator owns a few ideas and the demo commissioner the needs, so their pages have content.
  const innovator = getUserByEmail(db, demoAccounts[0].email)!;
  const commissioner = getUserByEmail(db, demoAccounts[1].email)!;
  const ownedIdeas = ideaItems.slice(0, 3).map((item) => item.slug);
  db.update(ideas).set({ ownerId: innovator.id }).where(inArray(ideas.slug, ownedIdeas)).run();
  db.update(needs).set({ ownerId: commissioner.id, organisationId: commissioner.organisationId }).where(eq(needs.status, "open")).run();
  return { ideas: ideaItems.length, needs: needItems.length };
}

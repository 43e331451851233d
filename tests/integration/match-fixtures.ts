// Matches for the route harness (opt-in, so tests that count ideas and needs are unaffected):
// the harness commissioner's open need with the harness innovator's published idea, and the
// same between the other commissioner and the other innovator; both confirmed by the broker,
// so their innovators may see them.
import { eq } from "drizzle-orm";
import { ideas, needs } from "../../db/schema";
import { importIdeas, importNeeds } from "../../app/models/exchange-import.server";
import { applyMatchAction, proposeMatch } from "../../app/models/match-workflow.server";
import { idea, ideaItems, need, needItems } from "./helpers";
import type { Harness } from "./route-harness";

export function addMatchFixtures(harness: Harness): { ownMatchId: number; otherMatchId: number } {
  const { db } = harness.exchange;
  const { users } = harness.fixtures;
  importIdeas(
    db,
    ideaItems([
      idea({
        slug: "matched-idea",
        title: "Shed network for older men",
        summary: "Workshops where older men share tools and company.",
        sectors: ["ageing"],
        diffusionModels: ["franchise"],
      }),
      idea({ slug: "others-matched-idea", title: "Another matched idea", sectors: ["ageing"] }),
    ]),
  );
  importNeeds(
    db,
    needItems([
      need({
        slug: "matched-need",
        title: "Lonely older men",
        problem: "Older men in our towns are lonely.",
        sectors: ["ageing"],
        diffusionModels: ["franchise"],
        fundingRoutes: ["procurement"],
      }),
      need({ slug: "others-matched-need", title: "Another matched need", sectors: ["ageing"] }),
    ]),
  );
  const own = (table: typeof ideas | typeof needs, slug: string, ownerId: string) => db.update(table).set({ ownerId }).where(eq(table.slug, slug)).run();
  own(ideas, "matched-idea", users.innovator.id);
  own(ideas, "others-matched-idea", users.otherInnovator.id);
  own(needs, "matched-need", users.commissioner.id);
  own(needs, "others-matched-need", users.otherCommissioner.id);
  const idOf = (table: typeof ideas | typeof needs, slug: string) => db.select({ id: table.id }).from(table).where(eq(table.slug, slug)).get()!.id;
  const broker = { id: users.broker.id, role: users.broker.role };
  const make = (needSlug: string, ideaSlug: string) => {
    const { match } = proposeMatch(db, broker, { needId: idOf(needs, needSlug), ideaId: idOf(ideas, ideaSlug) });
    applyMatchAction(db, broker, match.id, { action: "confirm", text: "Both are about lonely older men." });
    return match.id;
  };
  const ids = { ownMatchId: make("matched-need", "matched-idea"), otherMatchId: make("others-matched-need", "others-matched-idea") };
  Object.assign(harness.fixtures, ids);
  return ids;
}

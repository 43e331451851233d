// Adopted matches for the route harness (opt-in, as match-fixtures.ts): one on the harness
// commissioner's need and one on the other commissioner's, each with its living case study and
// reminders, for the outcome update page (/my/outcomes/:matchId).
import { eq } from "drizzle-orm";
import { ideas, needs } from "../../db/schema";
import { importIdeas, importNeeds } from "../../app/models/exchange-import.server";
import { adoptMatch } from "./adopted-match";
import { idea, ideaItems, need, needItems } from "./helpers";
import type { Harness } from "./route-harness";

/** Set by addOutcomeFixtures. */
export const outcomeFixtures = { ownAdoptedMatchId: 0, otherAdoptedMatchId: 0 };

export function addOutcomeFixtures(harness: Harness): typeof outcomeFixtures {
  const { db } = harness.exchange;
  const { users } = harness.fixtures;
  importIdeas(db, ideaItems([idea({ slug: "adopted-idea", title: "Falls prevention classes", sectors: ["ageing"] })]));
  importNeeds(
    db,
    needItems([
      need({ slug: "adopted-need", title: "Falls at home", sectors: ["ageing"], locality: "Northshire", country: "GB" }),
      need({ slug: "others-adopted-need", title: "Falls in winter", sectors: ["ageing"], locality: "Calder", country: "GB" }),
    ]),
  );
  const owned = (slug: string, ownerId: string) => db.update(needs).set({ ownerId }).where(eq(needs.slug, slug)).returning({ id: needs.id }).get()!.id;
  const ideaId = db.select({ id: ideas.id }).from(ideas).where(eq(ideas.slug, "adopted-idea")).get()!.id;
  outcomeFixtures.ownAdoptedMatchId = adoptMatch(db, {
    needId: owned("adopted-need", users.commissioner.id),
    ideaId,
    commissionerId: users.commissioner.id,
  }).matchId;
  outcomeFixtures.otherAdoptedMatchId = adoptMatch(db, {
    needId: owned("others-adopted-need", users.otherCommissioner.id),
    ideaId,
    commissionerId: users.otherCommissioner.id,
  }).matchId;
  return outcomeFixtures;
}

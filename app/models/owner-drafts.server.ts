// The one draft → submit workflow of the items owners write (innovators' ideas, commissioners'
// needs): insert or save in one transaction, the audit entries (created, edited, submitted or
// resubmitted) and the search outbox row. What differs stays with each editor: when an item
// may be submitted, and how a published idea's edits are reviewed.
import { eq } from "drizzle-orm";
import type { ExchangeDb, ExchangeTx } from "../../db/client";
import { ideas, needs, type IdeaRow, type NeedRow } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { enqueueSearchSync } from "./search-outbox.server";
import { uniqueSlug } from "./unique-slug.server";

export type OwnerItemKind = "idea" | "need";
type RowOf<K extends OwnerItemKind> = K extends "idea" ? IdeaRow : NeedRow;
type InsertOf<K extends OwnerItemKind> = K extends "idea" ? typeof ideas.$inferInsert : typeof needs.$inferInsert;
/** The form's columns: everything but the workflow's own. */
export type DraftColumns<K extends OwnerItemKind> = Omit<InsertOf<K>, "slug" | "status" | "submittedAt" | "ownerId" | "organisationId">;

const tables = { idea: ideas, need: needs } as const;
const indexes = { idea: "ideas", need: "needs" } as const;

/** A new item of its owner, as a draft or straight to review. */
export function createOwnerDraft<K extends OwnerItemKind>(
  db: ExchangeDb,
  kind: K,
  owner: { id: string; organisationId: number | null },
  columns: DraftColumns<K>,
  submit: boolean,
): RowOf<K> {
  // One table or the other: drizzle's types cannot follow the union, so they are set aside here.
  const table = tables[kind] as typeof ideas;
  return db.transaction((tx) => {
    const now = new Date();
    const row = tx
      .insert(table)
      .values({
        ...(columns as DraftColumns<"idea">),
        slug: uniqueSlug(tx, table, columns.title, kind),
        status: submit ? "submitted" : "draft",
        submittedAt: submit ? now : null,
        ownerId: owner.id,
        organisationId: owner.organisationId,
      })
      .returning()
      .get();
    recordAudit(tx, { itemType: kind, itemId: row.id, actorId: owner.id, action: "created", after: { status: "draft" } });
    if (submit)
      recordAudit(tx, { itemType: kind, itemId: row.id, actorId: owner.id, action: "submitted", before: { status: "draft" }, after: { status: "submitted" } });
    enqueueSearchSync(tx, indexes[kind], [row.id]);
    return row as unknown as RowOf<K>;
  });
}

/**
 * Saves an owner's edit of an item that changes in place (a draft, or one waiting for review),
 * sending it for review when `submit` says so. Call inside the editor's transaction.
 */
export function saveOwnerDraft<K extends OwnerItemKind>(
  tx: ExchangeTx,
  kind: K,
  item: { id: number; status: string; reviewOutcome: string | null },
  actorId: string,
  columns: DraftColumns<K>,
  submit: boolean,
  now: Date,
): "saved" | "submitted" {
  const table = tables[kind] as typeof ideas;
  tx.update(table)
    .set({ ...(columns as DraftColumns<"idea">), updatedAt: now, ...(submit ? { status: "submitted" as const, submittedAt: now } : {}) })
    .where(eq(table.id, item.id))
    .run();
  recordAudit(tx, { itemType: kind, itemId: item.id, actorId, action: "edited" });
  if (submit) {
    recordAudit(tx, {
      itemType: kind,
      itemId: item.id,
      actorId,
      action: item.reviewOutcome === "changes-requested" ? "resubmitted" : "submitted",
      before: { status: item.status },
      after: { status: "submitted" },
    });
  }
  enqueueSearchSync(tx, indexes[kind], [item.id]);
  return submit ? "submitted" : "saved";
}

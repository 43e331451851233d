// The tables whose rows are about one review queue item or match, named by its type and id
// (the audit log, brokers' notes, rubric scores, claims, assignments): the condition for one
// item, and rows with the name of the user who made each.
import { and, eq } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable, SelectedFields } from "drizzle-orm/sqlite-core";
import type { ExchangeDb } from "../../db/client";
import { users } from "../../db/schema";
import type { AuditItemType } from "../domain/vocabulary";

type ItemKeyed = { itemType: SQLiteColumn; itemId: SQLiteColumn };

/** The rows of `table` about this item. */
export const aboutItem = (table: ItemKeyed, itemType: AuditItemType, itemId: number) => and(eq(table.itemType, itemType), eq(table.itemId, itemId));

/**
 * Rows of `table` with `fields`, which may name the user who made each through `users`
 * (joined on `madeBy`); add `.where(aboutItem(...))` and the list's own order.
 */
export function selectWithMaker<Fields extends SelectedFields>(db: Pick<ExchangeDb, "select">, table: SQLiteTable, madeBy: SQLiteColumn, fields: Fields) {
  return db.select(fields).from(table).leftJoin(users, eq(users.id, madeBy));
}

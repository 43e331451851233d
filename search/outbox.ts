import type { ExchangeDb } from "../db/client";
import { searchOutbox, type SearchIndexName } from "../db/schema";

type Tx = Pick<ExchangeDb, "insert">;

// SQLite binds at most 32,766 parameters a statement and drizzle binds three per outbox row,
// so one statement for a whole import failed beyond 10,922 ideas ("too many SQL variables").
// Rows go in chunks, still inside the caller's transaction.
const ROWS_PER_STATEMENT = 1000;

/** Call inside the transaction that changes the rows, so the index can never miss a change. */
export function enqueueSearchSync(tx: Tx, indexName: SearchIndexName, documentIds: number[]): void {
  for (let start = 0; start < documentIds.length; start += ROWS_PER_STATEMENT) {
    tx.insert(searchOutbox)
      .values(documentIds.slice(start, start + ROWS_PER_STATEMENT).map((documentId) => ({ indexName, documentId })))
      .run();
  }
}

import type { ExchangeDb } from "../../db/client";
import { searchOutbox, type SearchIndexName } from "../../db/schema";

type Tx = Pick<ExchangeDb, "insert">;

/** Call inside the transaction that changes the rows, so the index can never miss a change. */
export function enqueueSearchSync(tx: Tx, indexName: SearchIndexName, documentIds: number[]): void {
  if (!documentIds.length) return;
  tx.insert(searchOutbox)
    .values(documentIds.map((documentId) => ({ indexName, documentId })))
    .run();
}

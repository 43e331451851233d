// The corpus statistics kept in SQLite rather than the JS heap: for each published idea, its
// distinct words and adjacent word pairs in two FTS5 tables (contentless, no positions: only
// document counts and postings are read), and its sectors. Triggers on ideas and case studies
// (migration 0011) list the ideas whose text may have changed in matching_corpus_pending;
// `indexCorpusChanges` brings those ideas up to date, a batch at a time.
import { and, asc, count, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { writeIfFree, type ExchangeDb, type LockWaiting } from "../../db/client";
import { ideas, matchingCorpusIdeas, matchingCorpusPending, type CaseStudyRow, type IdeaRow } from "../../db/schema";
import { ideaToDocument } from "../documents";
import { caseStudiesByIdea } from "../idea-documents";
import { corpusTerms, type CorpusStats, type TermQuery } from "./corpus";

// The FTS5 tables and their vocabularies, declared here for drizzle's query builder only: the
// migration creates them (drizzle-kit reads db/schema.ts, which leaves virtual tables out).
const corpusWords = sqliteTable("matching_corpus_words", { rowid: integer("rowid").notNull(), terms: text("terms").notNull() });
const corpusBigrams = sqliteTable("matching_corpus_bigrams", { rowid: integer("rowid").notNull(), terms: text("terms").notNull() });
const wordsVocab = sqliteTable("matching_corpus_words_vocab", { term: text("term").notNull(), doc: integer("doc").notNull() });
const bigramsVocab = sqliteTable("matching_corpus_bigrams_vocab", { term: text("term").notNull(), doc: integer("doc").notNull() });

/** Above every character a token can hold ([a-z0-9&_]): the upper bound of a prefix's range. */
const PREFIX_END = "\u007f";
const SQL_VARIABLES = 5000;

/** The same text Meilisearch indexes for an idea (search/documents.ts), field by field. */
export function searchableTexts(idea: IdeaRow, studies: CaseStudyRow[]): string[] {
  const document = ideaToDocument(idea, studies);
  return [
    document.title,
    document.tags.join(". "),
    document.summary,
    document.problem ?? "",
    document.solution ?? "",
    document.caseStudyLessons.join(". "),
    document.caseStudyOutcomes.join(". "),
    document.evidence ?? "",
    document.organisation ?? "",
  ];
}

/** Ideas whose statistics are not up to date yet. */
export function pendingCorpusChanges(db: ExchangeDb): number {
  return db.select({ n: count() }).from(matchingCorpusPending).get()?.n ?? 0;
}

/**
 * Brings up to `limit` listed ideas up to date, in one transaction; returns how many it took.
 * `"never-block"` (the site's background indexer) takes none (null) while another connection holds the write lock.
 */
export function indexCorpusChanges(db: ExchangeDb, limit?: number): number;
export function indexCorpusChanges(db: ExchangeDb, limit: number, locking: LockWaiting): number | null;
export function indexCorpusChanges(db: ExchangeDb, limit = 200, locking: LockWaiting = "wait"): number | null {
  const index = () => indexCorpusBatch(db, limit);
  return locking === "wait" ? index() : writeIfFree(db, index);
}

function indexCorpusBatch(db: ExchangeDb, limit: number): number {
  return db.transaction(
    (tx) => {
      const ids = tx
        .select({ id: matchingCorpusPending.ideaId })
        .from(matchingCorpusPending)
        .orderBy(asc(matchingCorpusPending.ideaId))
        .limit(limit)
        .all()
        .map((row) => row.id);
      if (!ids.length) return 0;
      const rows = tx
        .select()
        .from(ideas)
        .where(and(inArray(ideas.id, ids), eq(ideas.status, "published")))
        .all();
      const studiesByIdea = caseStudiesByIdea(
        tx,
        rows.map((row) => row.id),
      );
      for (const id of ids) {
        tx.delete(corpusWords).where(eq(corpusWords.rowid, id)).run();
        tx.delete(corpusBigrams).where(eq(corpusBigrams.rowid, id)).run();
      }
      tx.delete(matchingCorpusIdeas).where(inArray(matchingCorpusIdeas.ideaId, ids)).run();
      for (const row of rows) {
        const { words, bigrams } = corpusTerms(searchableTexts(row, studiesByIdea.get(row.id) ?? []));
        tx.insert(corpusWords)
          .values({ rowid: row.id, terms: [...words].join(" ") })
          .run();
        tx.insert(corpusBigrams)
          .values({ rowid: row.id, terms: [...bigrams].map((bigram) => bigram.replace(" ", "_")).join(" ") })
          .run();
        tx.insert(matchingCorpusIdeas).values({ ideaId: row.id, sectors: row.sectors }).run();
      }
      tx.delete(matchingCorpusPending).where(inArray(matchingCorpusPending.ideaId, ids)).run();
      return ids.length;
    },
    { behavior: "immediate" },
  );
}

/** Indexes every listed idea (the CLI, after an import; the site does it in the background). */
export async function indexAllCorpusChanges(
  db: ExchangeDb,
  options: { batch?: number; onProgress?: (done: number) => void; locking?: LockWaiting } = {},
): Promise<number> {
  let done = 0;
  for (;;) {
    // Null: another connection is writing; the background indexer comes back on its next turn.
    const taken = indexCorpusChanges(db, options.batch ?? 500, options.locking ?? "wait");
    if (!taken) return done;
    done += taken;
    options.onProgress?.(done);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** An FTS5 query for one token (or, with `prefix`, every token starting with it). */
function matchExpression(token: string, prefix = false): string {
  const quoted = `"${token.replace(/"/g, "")}"`;
  return prefix ? `${quoted} *` : quoted;
}

/** A corpus query (corpus.ts `TermQuery`) as an FTS5 query: alternatives joined by OR, the words of each by AND. */
function termQueryExpression(query: TermQuery): string | null {
  const alternatives = query
    .filter((words) => words.length)
    .map((words) => `(${words.map((word) => (word.endsWith("*") ? matchExpression(word.slice(0, -1), true) : matchExpression(word))).join(" AND ")})`);
  return alternatives.length ? alternatives.join(" OR ") : null;
}

/** The statistics as they stand in SQLite. Look-ups are remembered for the life of the object: make one per ranking. */
export function corpusIndexStats(db: ExchangeDb): CorpusStats {
  const documentCount = db.select({ n: count() }).from(matchingCorpusIdeas).get()?.n ?? 0;
  const dfStatement = db
    .select({ doc: wordsVocab.doc })
    .from(wordsVocab)
    .where(eq(wordsVocab.term, sql.placeholder("term")))
    .prepare();
  const bigramStatement = db
    .select({ doc: bigramsVocab.doc })
    .from(bigramsVocab)
    .where(eq(bigramsVocab.term, sql.placeholder("term")))
    .prepare();
  const prefixStatement = db
    .select({ word: wordsVocab.term, df: wordsVocab.doc })
    .from(wordsVocab)
    .where(and(gte(wordsVocab.term, sql.placeholder("from")), lt(wordsVocab.term, sql.placeholder("to"))))
    .orderBy(asc(wordsVocab.term))
    .prepare();
  const countStatement = db
    .select({ n: count() })
    .from(corpusWords)
    .where(sql`matching_corpus_words MATCH ${sql.placeholder("query")}`)
    .prepare();
  const memberStatement = db
    .select({ id: corpusWords.rowid })
    .from(corpusWords)
    // A range, not `rowid = ?`: on a contentless FTS5 table SQLite ignores rowid equality beside MATCH.
    .where(
      and(
        sql`matching_corpus_words MATCH ${sql.placeholder("query")}`,
        gte(corpusWords.rowid, sql.placeholder("id")),
        lte(corpusWords.rowid, sql.placeholder("id")),
      ),
    )
    .prepare();
  const remember = <T>(compute: (key: string) => T) => {
    const known = new Map<string, T>();
    return (key: string) => {
      if (!known.has(key)) known.set(key, compute(key));
      return known.get(key)!;
    };
  };
  const wordsWithPrefix = remember((prefix) => prefixStatement.all({ from: prefix, to: `${prefix}${PREFIX_END}` }));
  const matchCount = remember((query) => countStatement.get({ query })?.n ?? 0);
  return {
    documentCount,
    df: remember((word) => dfStatement.get({ term: word })?.doc ?? 0),
    bigramDf: remember((bigram) => bigramStatement.get({ term: bigram.replace(" ", "_") })?.doc ?? 0),
    wordsWithPrefix: (prefix) => [...wordsWithPrefix(prefix)],
    prefixDf: (prefix) => matchCount(matchExpression(prefix, true)),
    // The first pass over the whole catalogue runs in SQLite: a union of one FTS5 match per
    // query, summed by idea, so no posting list ever reaches the JS heap.
    scoreByQueries(queries, limit, offset) {
      const parts = queries.flatMap(({ query, weight }) => {
        const expression = termQueryExpression(query);
        return expression ? [sql`SELECT rowid AS id, ${weight} AS weight FROM matching_corpus_words WHERE matching_corpus_words MATCH ${expression}`] : [];
      });
      if (!parts.length) return [];
      const rows = db.all<{ id: number; score: number }>(
        sql`SELECT id, SUM(weight) AS score FROM (${sql.join(parts, sql` UNION ALL `)}) GROUP BY id ORDER BY score DESC, id ASC LIMIT ${limit} OFFSET ${offset}`,
      );
      return rows.map((row) => [row.id, row.score]);
    },
    matchingAmong(query, ids) {
      const expression = termQueryExpression(query);
      const found = new Set<number>();
      if (!expression) return found;
      // One seek per idea: with `rowid IN (...)` FTS5 would read the whole match first.
      for (const id of ids) if (memberStatement.get({ query: expression, id })) found.add(id);
      return found;
    },
    sectorsOf(ids) {
      const sectors = new Map<number, string[]>();
      for (let start = 0; start < ids.length; start += SQL_VARIABLES) {
        const rows = db
          .select()
          .from(matchingCorpusIdeas)
          .where(inArray(matchingCorpusIdeas.ideaId, ids.slice(start, start + SQL_VARIABLES)))
          .all();
        for (const row of rows) sectors.set(row.ideaId, row.sectors);
      }
      return sectors;
    },
  };
}

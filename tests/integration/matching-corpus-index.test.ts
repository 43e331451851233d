import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "../../db/client";
import { caseStudies, ideas } from "../../db/schema";
import { importIdeas } from "../../app/models/exchange-import.server";
import { buildCorpusStats, type CorpusStats } from "../../search/matching/corpus";
import { corpusIndexStats, indexAllCorpusChanges, pendingCorpusChanges, searchableTexts } from "../../search/matching/corpus-index";
import { readDemoIdeas } from "../../scripts/lib/matching-eval";

// The corpus statistics in SQLite (FTS5 tables kept up to date through triggers) must say what
// the in-memory statistics say over the same published ideas, and follow every kind of change.
let database: OpenedDatabase;
let dataDir: string;

/** In-memory statistics over the published ideas, with positions mapped back to idea ids. */
function inMemory(): { stats: CorpusStats; ids: number[] } {
  const { db } = database;
  const rows = db.select().from(ideas).where(eq(ideas.status, "published")).orderBy(asc(ideas.id)).all();
  const studies = db.select().from(caseStudies).orderBy(asc(caseStudies.position)).all();
  const stats = buildCorpusStats(
    rows.map((row) => ({
      fields: searchableTexts(
        row,
        studies.filter((study) => study.ideaId === row.id),
      ),
      sectors: row.sectors,
    })),
  );
  return { stats, ids: rows.map((row) => row.id) };
}

const probeWords = ["loneliness", "older", "care", "a&e", "housing", "volunteers", "nonexistentword"];
const probeBigrams = ["older people", "social prescribing", "home care", "mental health", "no such"];
const probePrefixes = ["lonel", "hous", "volunt", "care", "zzz"];

function expectSameStatistics() {
  const { stats: expected, ids } = inMemory();
  const actual = corpusIndexStats(database.db);
  expect(actual.documentCount).toBe(expected.documentCount);
  for (const word of probeWords) {
    expect(actual.df(word), word).toBe(expected.df(word));
    const positions = ids.map((_, position) => position);
    expect(actual.matchingAmong([[word]], ids), word).toEqual(new Set([...expected.matchingAmong([[word]], positions)].map((position) => ids[position])));
  }
  for (const bigram of probeBigrams) expect(actual.bigramDf(bigram), bigram).toBe(expected.bigramDf(bigram));
  const queries = [
    { query: [["older", "people"], ["elderly"]], weight: 2.5 },
    { query: [["lonel*"]], weight: 1.25 },
    { query: [["housing"]], weight: 0.5 },
  ];
  for (const { query } of queries) {
    expect(actual.matchingAmong(query, ids), JSON.stringify(query)).toEqual(
      new Set(
        [
          ...expected.matchingAmong(
            query,
            ids.map((_, position) => position),
          ),
        ].map((position) => ids[position]),
      ),
    );
  }
  const scored = (stats: CorpusStats, toId: (id: number) => number) => stats.scoreByQueries(queries, 12, 3).map(([id, score]) => [toId(id), score]);
  expect(scored(actual, (id) => id)).toEqual(scored(expected, (position) => ids[position]));
  for (const prefix of probePrefixes) {
    expect(actual.prefixDf(prefix), prefix).toBe(expected.prefixDf(prefix));
    expect(actual.wordsWithPrefix(prefix), prefix).toEqual(expected.wordsWithPrefix(prefix));
  }
  const sectors = actual.sectorsOf(ids.slice(0, 3));
  ids.slice(0, 3).forEach((id, position) => expect(sectors.get(id)).toEqual(expected.sectorsOf([position]).get(position)));
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "corpus-index-"));
  database = openDatabase(dataDir);
  importIdeas(database.db, readDemoIdeas());
  expect(pendingCorpusChanges(database.db)).toBeGreaterThan(70);
  await indexAllCorpusChanges(database.db);
});

afterAll(() => {
  database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the matching corpus statistics in SQLite", () => {
  it("count what the in-memory statistics count, for every published idea", () => {
    expect(pendingCorpusChanges(database.db)).toBe(0);
    expectSameStatistics();
  });

  it("follow an edited idea, a new case study, an unpublished idea and a deleted one", async () => {
    const { db } = database;
    const [first, second, third] = db.select().from(ideas).where(eq(ideas.status, "published")).orderBy(asc(ideas.id)).limit(3).all();
    db.update(ideas).set({ title: "Loneliness volunteers for older people", summary: "A&E housing care" }).where(eq(ideas.id, first.id)).run();
    db.insert(caseStudies)
      .values({
        ideaId: second.id,
        locality: "Leeds",
        status: "adopted",
        reviewStatus: "published",
        outcomes: "Home care for housing volunteers",
        position: 99,
      })
      .run();
    db.update(ideas).set({ status: "archived" }).where(eq(ideas.id, third.id)).run();
    expect(pendingCorpusChanges(db)).toBe(3);
    await indexAllCorpusChanges(db);
    expectSameStatistics();
    expect(
      corpusIndexStats(db)
        .matchingAmong([["loneliness"]], [first.id])
        .has(first.id),
    ).toBe(true);
    expect(corpusIndexStats(db).sectorsOf([third.id]).has(third.id)).toBe(false);

    db.delete(caseStudies).where(eq(caseStudies.ideaId, second.id)).run();
    db.delete(ideas).where(eq(ideas.id, second.id)).run();
    await indexAllCorpusChanges(db);
    expectSameStatistics();
    expect(corpusIndexStats(db).sectorsOf([second.id]).has(second.id)).toBe(false);
  });
});

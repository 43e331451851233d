// The baseline the matching engine is measured against: plain BM25 (SQLite FTS5, its
// default unicode61 tokeniser, bm25() with equal column weights) over the same idea text,
// queried with the need's whole text as an OR of its words. No stopwords, synonyms, typo
// tolerance or structured signals. For evaluation only: it builds its own in-memory database.
import Database from "better-sqlite3";

export type BaselineIdea = {
  slug: string;
  title: string;
  summary: string;
  problem?: string | null;
  solution?: string | null;
  evidence?: string | null;
  tags?: readonly string[];
  /** Case-study text: locality, outcomes and lessons. */
  caseStudies?: readonly string[];
};

export type BaselineNeed = { title: string; problem: string; outcomes?: string | null };

/** The need's words, lower-cased and unique, as FTS5's unicode61 tokeniser splits them. */
export function baselineQueryTerms(need: BaselineNeed): string[] {
  const text = [need.title, need.problem, need.outcomes ?? ""].join(" ");
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return [...new Set(words)];
}

/** An FTS5 MATCH expression: every word quoted (so none is read as an operator), joined by OR. */
export function baselineMatchExpression(need: BaselineNeed): string {
  return baselineQueryTerms(need)
    .map((word) => `"${word.replace(/"/g, '""')}"`)
    .join(" OR ");
}

export class Bm25Baseline {
  private readonly sqlite: Database.Database;

  constructor(ideas: readonly BaselineIdea[]) {
    this.sqlite = new Database(":memory:");
    this.sqlite.exec("CREATE VIRTUAL TABLE ideas USING fts5(slug UNINDEXED, title, summary, problem, solution, evidence, tags, case_studies)");
    const insert = this.sqlite.prepare(
      "INSERT INTO ideas (slug, title, summary, problem, solution, evidence, tags, case_studies) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.sqlite.transaction(() => {
      for (const idea of ideas) {
        insert.run(
          idea.slug,
          idea.title,
          idea.summary,
          idea.problem ?? "",
          idea.solution ?? "",
          idea.evidence ?? "",
          (idea.tags ?? []).join(", "),
          (idea.caseStudies ?? []).join("\n"),
        );
      }
    })();
  }

  /** Idea slugs, best first (bm25() is lower for better matches). */
  rank(need: BaselineNeed, limit = 10): string[] {
    const expression = baselineMatchExpression(need);
    if (!expression) return [];
    const rows = this.sqlite.prepare("SELECT slug FROM ideas WHERE ideas MATCH ? ORDER BY bm25(ideas), slug LIMIT ?").all(expression, limit) as {
      slug: string;
    }[];
    return rows.map((row) => row.slug);
  }

  close(): void {
    this.sqlite.close();
  }
}

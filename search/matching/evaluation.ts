// Evaluation of the matching engine on a labelled set, beside the BM25 baseline, in one run.
// The ranking functions are passed in, so this module knows neither the database nor
// Meilisearch; scripts/eval-matching.ts and tests/integration/matching.test.ts wire them.
import fs from "node:fs";
import { z } from "zod";
import { needFormat, type IdeaFormat, type NeedFormat } from "../../app/domain/exchange-format";
import type { DiffusionModel } from "../../app/domain/vocabulary";
import type { BaselineIdea } from "./bm25-baseline";
import { meanMetrics, rankingMetrics, type RankingMetrics } from "./metrics";
import { diffusionFit } from "./signals";

const labelledNeed = z.strictObject({
  split: z.enum(["dev", "heldout", "heldout-2"]),
  need: needFormat,
  judgments: z.record(z.string(), z.int().min(0).max(3)),
});

export const labelledSetSchema = z.strictObject({
  description: z.string(),
  grades: z.record(z.string(), z.string()),
  relevantGrade: z.int().min(1).max(3),
  needs: z.array(labelledNeed).min(1),
});

export type LabelledSet = z.infer<typeof labelledSetSchema>;
export type LabelledNeed = LabelledSet["needs"][number];

export function loadLabelledSet(file: string, ideaSlugs?: ReadonlySet<string>): LabelledSet {
  const set = labelledSetSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (ideaSlugs) {
    for (const entry of set.needs) {
      for (const slug of Object.keys(entry.judgments)) {
        if (!ideaSlugs.has(slug)) throw new Error(`${file}: ${entry.need.slug} judges unknown idea "${slug}"`);
      }
    }
  }
  return set;
}

/**
 * The grades the evaluation uses. The labels are topical; DOMAIN.md's rule is applied on top:
 * an idea that offers none of the need's accepted diffusion models is at most a 1, because
 * the commissioner cannot take it up in a form they accept.
 */
export function effectiveJudgments(
  entry: { need: Pick<NeedFormat, "diffusionModels">; judgments: Record<string, number> },
  diffusionModelsOf: (slug: string) => readonly DiffusionModel[] | undefined,
  options: { topical?: boolean } = {},
): Map<string, number> {
  const grades = new Map<string, number>();
  for (const [slug, grade] of Object.entries(entry.judgments)) {
    const offered = diffusionModelsOf(slug) ?? [];
    const fits = diffusionFit(offered, entry.need.diffusionModels ?? []).fits;
    grades.set(slug, options.topical || fits ? grade : Math.min(grade, 1));
  }
  return grades;
}

export function baselineIdeaFromFormat(idea: IdeaFormat): BaselineIdea {
  return {
    slug: idea.slug,
    title: idea.title,
    summary: idea.summary,
    problem: idea.problem,
    solution: idea.solution,
    evidence: idea.evidence,
    tags: idea.tags ?? [],
    caseStudies: (idea.caseStudies ?? []).map((study) => [study.locality, study.outcomes, study.lessons].filter(Boolean).join(". ")),
  };
}

export type SystemName = "engine" | "bm25";
export type NeedResult = {
  slug: string;
  split: LabelledNeed["split"];
  metrics: Record<SystemName, RankingMetrics>;
  topical: Record<SystemName, RankingMetrics>;
  rankings: Record<SystemName, string[]>;
};

export type EvaluationReport = {
  needs: NeedResult[];
  /**
   * Means over all needs, over the dev needs, over the held-out needs of earlier rounds
   * (`heldout`), over those written for the latest round (`heldout-2`), and over both
   * held-out sets together (`heldoutAll`).
   */
  summary: Record<"all" | "dev" | "heldout" | "heldout-2" | "heldoutAll", Record<SystemName, RankingMetrics>>;
  /** Means over all needs with the topical grades (no diffusion cap). */
  topicalSummary: Record<SystemName, RankingMetrics>;
  relevantGrade: number;
};

export async function evaluate(
  set: LabelledSet,
  systems: Record<SystemName, (entry: LabelledNeed) => Promise<string[]> | string[]>,
  diffusionModelsOf: (slug: string) => readonly DiffusionModel[] | undefined,
): Promise<EvaluationReport> {
  const results: NeedResult[] = [];
  for (const entry of set.needs) {
    const graded = effectiveJudgments(entry, diffusionModelsOf);
    const topicalGrades = effectiveJudgments(entry, diffusionModelsOf, { topical: true });
    const engine = await systems.engine(entry);
    const bm25 = await systems.bm25(entry);
    results.push({
      slug: entry.need.slug,
      split: entry.split,
      rankings: { engine, bm25 },
      metrics: { engine: rankingMetrics(engine, graded, set.relevantGrade), bm25: rankingMetrics(bm25, graded, set.relevantGrade) },
      topical: { engine: rankingMetrics(engine, topicalGrades, set.relevantGrade), bm25: rankingMetrics(bm25, topicalGrades, set.relevantGrade) },
    });
  }
  const summarise = (subset: NeedResult[], key: "metrics" | "topical" = "metrics") => ({
    engine: meanMetrics(subset.map((result) => result[key].engine)),
    bm25: meanMetrics(subset.map((result) => result[key].bm25)),
  });
  return {
    needs: results,
    summary: {
      all: summarise(results),
      dev: summarise(results.filter((result) => result.split === "dev")),
      heldout: summarise(results.filter((result) => result.split === "heldout")),
      "heldout-2": summarise(results.filter((result) => result.split === "heldout-2")),
      heldoutAll: summarise(results.filter((result) => result.split !== "dev")),
    },
    topicalSummary: summarise(results, "topical"),
    relevantGrade: set.relevantGrade,
  };
}

const fixed = (value: number) => value.toFixed(3);
const ratio = (engine: number, baseline: number) => (baseline > 0 ? `${(engine / baseline).toFixed(2)}x` : "n/a");

/** A plain-text table of the summary: one block per subset, engine, BM25 and their ratio. */
export function formatReport(report: EvaluationReport, options: { perNeed?: boolean } = {}): string {
  const lines: string[] = [];
  const counts = {
    all: report.needs.length,
    dev: report.needs.filter((need) => need.split === "dev").length,
    heldout: report.needs.filter((need) => need.split === "heldout").length,
    heldout2: report.needs.filter((need) => need.split === "heldout-2").length,
  };
  const header = `${"".padEnd(26)}${"nDCG@10".padStart(9)}${"MRR".padStart(9)}${"recall@10".padStart(11)}`;
  const block = (title: string, metrics: Record<SystemName, RankingMetrics>) => {
    lines.push(title, header);
    lines.push(`${"  engine".padEnd(26)}${fixed(metrics.engine.ndcg10).padStart(9)}${fixed(metrics.engine.mrr).padStart(9)}${fixed(metrics.engine.recall10).padStart(11)}`);
    lines.push(`${"  BM25 (SQLite FTS5)".padEnd(26)}${fixed(metrics.bm25.ndcg10).padStart(9)}${fixed(metrics.bm25.mrr).padStart(9)}${fixed(metrics.bm25.recall10).padStart(11)}`);
    lines.push(
      `${"  engine / BM25".padEnd(26)}${ratio(metrics.engine.ndcg10, metrics.bm25.ndcg10).padStart(9)}${ratio(metrics.engine.mrr, metrics.bm25.mrr).padStart(9)}${ratio(metrics.engine.recall10, metrics.bm25.recall10).padStart(11)}`,
    );
    lines.push("");
  };
  block(`All ${counts.all} labelled needs`, report.summary.all);
  block(`Development needs (${counts.dev})`, report.summary.dev);
  block(`Held-out needs of earlier rounds (${counts.heldout}), never used for tuning`, report.summary.heldout);
  if (counts.heldout2 > 0) {
    block(`Held-out needs of the latest round (${counts.heldout2}), never used for tuning`, report.summary["heldout-2"]);
    block(`All held-out needs (${counts.heldout + counts.heldout2})`, report.summary.heldoutAll);
  }
  block(`All needs, topical grades (no cap for ideas outside the accepted routes)`, report.topicalSummary);
  lines.push(`MRR and recall count grade >= ${report.relevantGrade} as relevant; nDCG uses gain 2^grade - 1.`);
  if (options.perNeed) {
    lines.push("", `${"need".padEnd(56)}${"split".padEnd(11)}${"engine".padStart(8)}${"BM25".padStart(8)}  (nDCG@10)`);
    for (const need of report.needs) {
      lines.push(`${need.slug.padEnd(56)}${need.split.padEnd(11)}${fixed(need.metrics.engine.ndcg10).padStart(8)}${fixed(need.metrics.bm25.ndcg10).padStart(8)}`);
    }
  }
  return lines.join("\n");
}

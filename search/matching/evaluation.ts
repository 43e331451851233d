// Evaluation of the matching engine on a labelled set, beside the BM25 baseline, in one run.
// The ranking functions are passed in, so this module knows neither the database nor
// Meilisearch; scripts/eval-matching.ts and tests/integration/matching.test.ts wire them.
import fs from "node:fs";
import { z } from "zod";
import { needFormat, type IdeaFormat, type NeedFormat } from "../../app/domain/exchange-format";
import type { DiffusionModel } from "../../app/domain/vocabulary";
import { ideaProse } from "../documents";
import type { BaselineIdea } from "./bm25-baseline";
import { meanMetrics, rankingMetrics, type RankingMetrics } from "./metrics";
import { diffusionFit } from "./signals";

const labelledNeed = z.strictObject({
  /** `blind`: a need of the independent catalogue (tests/matching/blind/), never used for tuning. */
  split: z.enum(["dev", "heldout", "heldout-2", "blind", "blind-2"]),
  /** How the need's words relate to the ideas' (plain speech, jargon, American usage, a mix). */
  group: z.enum(["plain", "jargon", "american", "mixed"]).optional(),
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
    ...ideaProse(idea),
    tags: idea.tags ?? [],
    caseStudies: (idea.caseStudies ?? []).map((study) => [study.locality, study.outcomes, study.lessons].filter(Boolean).join(". ")),
  };
}

/** The systems compared: the engine, the engine without its semantic signal, and the BM25 baseline. */
export const systemNames = ["engine", "textOnly", "bm25"] as const;
export type SystemName = (typeof systemNames)[number];
export const systemLabels: Record<SystemName, string> = { engine: "engine", textOnly: "engine, text signals only", bm25: "BM25 (SQLite FTS5)" };

export type NeedResult = {
  slug: string;
  split: LabelledNeed["split"];
  group?: LabelledNeed["group"];
  metrics: Partial<Record<SystemName, RankingMetrics>>;
  topical: Partial<Record<SystemName, RankingMetrics>>;
  rankings: Partial<Record<SystemName, string[]>>;
  /** Ideas outside the need's accepted routes ranked above one inside them (engine's top 10). */
  diffusionViolations: number;
};

export type SystemMetrics = Partial<Record<SystemName, RankingMetrics>>;

export type EvaluationReport = {
  needs: NeedResult[];
  /** Means over all needs, over each split, over all held-out needs together (`heldoutAll`) and over each group (`group:plain`…). */
  summary: Record<string, SystemMetrics>;
  /** Means over all needs with the topical grades (no diffusion cap). */
  topicalSummary: SystemMetrics;
  relevantGrade: number;
  systems: SystemName[];
};

/** How many ideas that offer none of the need's routes come before an idea that offers one. */
export function diffusionViolations(
  ranking: readonly string[],
  accepted: readonly DiffusionModel[],
  diffusionModelsOf: (slug: string) => readonly DiffusionModel[] | undefined,
): number {
  let outside = 0;
  let violations = 0;
  for (const slug of ranking) {
    const fits = diffusionFit(diffusionModelsOf(slug) ?? [], accepted).fits;
    if (!fits) outside++;
    else violations += outside;
  }
  return violations;
}

export async function evaluate(
  set: LabelledSet,
  systems: Partial<Record<SystemName, (entry: LabelledNeed) => Promise<string[]> | string[]>>,
  diffusionModelsOf: (slug: string) => readonly DiffusionModel[] | undefined,
): Promise<EvaluationReport> {
  const names = systemNames.filter((name) => systems[name]);
  const results: NeedResult[] = [];
  for (const entry of set.needs) {
    const graded = effectiveJudgments(entry, diffusionModelsOf);
    const topicalGrades = effectiveJudgments(entry, diffusionModelsOf, { topical: true });
    const result: NeedResult = {
      slug: entry.need.slug,
      split: entry.split,
      group: entry.group,
      rankings: {},
      metrics: {},
      topical: {},
      diffusionViolations: 0,
    };
    for (const name of names) {
      const ranking = await systems[name]!(entry);
      result.rankings[name] = ranking;
      result.metrics[name] = rankingMetrics(ranking, graded, set.relevantGrade);
      result.topical[name] = rankingMetrics(ranking, topicalGrades, set.relevantGrade);
    }
    result.diffusionViolations = diffusionViolations(result.rankings.engine ?? [], entry.need.diffusionModels ?? [], diffusionModelsOf);
    results.push(result);
  }
  const summarise = (subset: NeedResult[], key: "metrics" | "topical" = "metrics"): SystemMetrics =>
    Object.fromEntries(names.map((name) => [name, meanMetrics(subset.map((result) => result[key][name]!))]));
  const summary: Record<string, SystemMetrics> = { all: summarise(results) };
  for (const split of new Set(results.map((result) => result.split))) summary[split] = summarise(results.filter((result) => result.split === split));
  const heldout = results.filter((result) => result.split === "heldout" || result.split === "heldout-2");
  if (heldout.length) summary.heldoutAll = summarise(heldout);
  for (const group of new Set(results.flatMap((result) => (result.group ? [result.group] : [])))) {
    summary[`group:${group}`] = summarise(results.filter((result) => result.group === group));
  }
  return { needs: results, summary, topicalSummary: summarise(results, "topical"), relevantGrade: set.relevantGrade, systems: names };
}

const fixed = (value: number) => value.toFixed(3);
const ratio = (value: number, baseline: number) => (baseline > 0 ? `${(value / baseline).toFixed(2)}x` : "n/a");

const subsetTitles: Record<string, (count: number) => string> = {
  all: (count) => `All ${count} labelled needs`,
  dev: (count) => `Development needs (${count}), used for tuning`,
  heldout: (count) => `Held-out needs of earlier rounds (${count}), never used for tuning`,
  "heldout-2": (count) => `Held-out needs of the latest round (${count}), never used for tuning`,
  heldoutAll: (count) => `All held-out needs (${count})`,
  blind: (count) => `Blind needs (${count}) on another catalogue (fusion weights fitted on them)`,
  "blind-2": (count) => `Second blind set (${count}), never tuned on`,
};

function subsetCount(report: EvaluationReport, key: string): number {
  if (key === "all") return report.needs.length;
  if (key === "heldoutAll") return report.needs.filter((need) => need.split === "heldout" || need.split === "heldout-2").length;
  if (key.startsWith("group:")) return report.needs.filter((need) => need.group === key.slice(6)).length;
  return report.needs.filter((need) => need.split === key).length;
}

/** A plain-text table of the summary: one block per subset, each system and its ratio to BM25. */
export function formatReport(report: EvaluationReport, options: { perNeed?: boolean; title?: string } = {}): string {
  const lines: string[] = [];
  if (options.title) lines.push(options.title, "=".repeat(options.title.length), "");
  const header = `${"".padEnd(30)}${"nDCG@10".padStart(9)}${"MRR".padStart(9)}${"recall@10".padStart(11)}`;
  const row = (label: string, values: string[]) => `${label.padEnd(30)}${values[0].padStart(9)}${values[1].padStart(9)}${values[2].padStart(11)}`;
  const block = (title: string, metrics: SystemMetrics) => {
    lines.push(title, header);
    for (const name of report.systems) {
      const m = metrics[name]!;
      lines.push(row(`  ${systemLabels[name]}`, [fixed(m.ndcg10), fixed(m.mrr), fixed(m.recall10)]));
    }
    const bm25 = metrics.bm25;
    if (bm25) {
      for (const name of report.systems.filter((system) => system !== "bm25")) {
        const m = metrics[name]!;
        lines.push(row(`  ${name} / BM25`, [ratio(m.ndcg10, bm25.ndcg10), ratio(m.mrr, bm25.mrr), ratio(m.recall10, bm25.recall10)]));
      }
    }
    lines.push("");
  };
  const keys = Object.keys(report.summary);
  const ordered = [...keys.filter((key) => !key.startsWith("group:")), ...keys.filter((key) => key.startsWith("group:"))];
  const splits = new Set(report.needs.map((need) => need.split));
  for (const key of ordered) {
    if (key !== "all" && !key.startsWith("group:") && splits.size === 1) continue;
    const count = subsetCount(report, key);
    const title = key.startsWith("group:") ? `Needs written in ${key.slice(6)} words (${count})` : (subsetTitles[key]?.(count) ?? `${key} (${count})`);
    block(title, report.summary[key]);
  }
  block(`All needs, topical grades (no cap for ideas outside the accepted routes)`, report.topicalSummary);
  const violations = report.needs.reduce((sum, need) => sum + need.diffusionViolations, 0);
  lines.push(`Ideas outside a need's accepted routes ranked above one inside them (engine, top 10, all needs): ${violations}`);
  lines.push(`MRR and recall count grade >= ${report.relevantGrade} as relevant; nDCG uses gain 2^grade - 1.`);
  if (options.perNeed) {
    lines.push("", `${"need".padEnd(56)}${"split".padEnd(11)}${report.systems.map((name) => name.padStart(9)).join("")}  (nDCG@10)`);
    for (const need of report.needs) {
      lines.push(
        `${need.slug.padEnd(56)}${(need.group ?? need.split).padEnd(11)}${report.systems.map((name) => fixed(need.metrics[name]!.ndcg10).padStart(9)).join("")}`,
      );
    }
  }
  return lines.join("\n");
}

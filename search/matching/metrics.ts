// Ranking metrics over graded judgments (0 to 3). Unjudged items count as grade 0.

export type Judgments = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

function gradeOf(judgments: Judgments, item: string): number {
  const grade = judgments instanceof Map ? judgments.get(item) : (judgments as Record<string, number>)[item];
  return typeof grade === "number" && grade > 0 ? grade : 0;
}

function allGrades(judgments: Judgments): number[] {
  const values = judgments instanceof Map ? [...judgments.values()] : Object.values(judgments as Record<string, number>);
  return values.filter((grade) => grade > 0);
}

const gain = (grade: number) => 2 ** grade - 1;
const discount = (position: number) => 1 / Math.log2(position + 2);

/** Discounted cumulative gain of the first k items (exponential gain 2^grade - 1). */
export function dcgAt(ranking: readonly string[], judgments: Judgments, k: number): number {
  let total = 0;
  ranking.slice(0, k).forEach((item, position) => (total += gain(gradeOf(judgments, item)) * discount(position)));
  return total;
}

/** nDCG@k: DCG over the DCG of the ideal ordering of every judged item; 0 when nothing is relevant. */
export function ndcgAt(ranking: readonly string[], judgments: Judgments, k: number): number {
  const ideal = allGrades(judgments)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((total, grade, position) => total + gain(grade) * discount(position), 0);
  return ideal > 0 ? dcgAt(ranking, judgments, k) / ideal : 0;
}

/** 1 / rank of the first item graded at least `minGrade`; 0 when there is none. */
export function reciprocalRank(ranking: readonly string[], judgments: Judgments, minGrade: number): number {
  const index = ranking.findIndex((item) => gradeOf(judgments, item) >= minGrade);
  return index < 0 ? 0 : 1 / (index + 1);
}

/** Share of the items graded at least `minGrade` that appear in the first k; 0 when there are none. */
export function recallAt(ranking: readonly string[], judgments: Judgments, k: number, minGrade: number): number {
  const relevant = allGrades(judgments).filter((grade) => grade >= minGrade).length;
  if (!relevant) return 0;
  // A set, so an item listed twice is found once.
  const found = new Set(ranking.slice(0, k).filter((item) => gradeOf(judgments, item) >= minGrade));
  return found.size / relevant;
}

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((total, value) => total + value, 0) / values.length : 0;
}

/**
 * `relevant`: whether anything is graded at least the relevant grade (MRR and recall mean
 * nothing otherwise); `judged`: whether anything is graded above 0 (nDCG likewise).
 */
export type RankingMetrics = { ndcg10: number; mrr: number; recall10: number; relevant?: boolean; judged?: boolean };

/** nDCG@10, reciprocal rank and recall@10 of one ranking; `minGrade` is the grade counted as relevant. */
export function rankingMetrics(ranking: readonly string[], judgments: Judgments, minGrade: number): RankingMetrics {
  const grades = allGrades(judgments);
  return {
    ndcg10: ndcgAt(ranking, judgments, 10),
    mrr: reciprocalRank(ranking, judgments, minGrade),
    recall10: recallAt(ranking, judgments, 10, minGrade),
    relevant: grades.some((grade) => grade >= minGrade),
    judged: grades.length > 0,
  };
}

/**
 * Means over the needs where each figure means something: nDCG over needs with any judged
 * idea, MRR and recall over needs with a relevant one (a need the catalogue cannot answer
 * would score 0 for every system alike).
 */
export function meanMetrics(all: readonly RankingMetrics[]): RankingMetrics {
  const judged = all.filter((metrics) => metrics.judged !== false);
  const relevant = all.filter((metrics) => metrics.relevant !== false);
  return {
    ndcg10: mean(judged.map((metrics) => metrics.ndcg10)),
    mrr: mean(relevant.map((metrics) => metrics.mrr)),
    recall10: mean(relevant.map((metrics) => metrics.recall10)),
    relevant: relevant.length > 0,
    judged: judged.length > 0,
  };
}

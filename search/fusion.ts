// Reciprocal rank fusion: each ranked list gives an item weight / (k + rank), and an item's
// fused score is the sum over the lists it appears in. Ranks rather than raw scores are
// fused because Meilisearch's ranking scores are not comparable across queries of different
// lengths; k damps the difference between neighbouring ranks so that appearing in many
// lists counts more than being first in one.

export type RankedList<T> = { key: string; weight: number; items: readonly T[] };
export type FusedItem<T> = { item: T; score: number; lists: string[]; bestRank: number };

export const DEFAULT_RRF_K = 60;

export function reciprocalRankFusion<T>(lists: readonly RankedList<T>[], k = DEFAULT_RRF_K): FusedItem<T>[] {
  const fused = new Map<T, FusedItem<T>>();
  for (const list of lists) {
    const seen = new Set<T>();
    list.items.forEach((item, index) => {
      // An item repeated within one list counts once, at its best rank.
      if (seen.has(item)) return;
      seen.add(item);
      const rank = index + 1;
      const entry = fused.get(item) ?? { item, score: 0, lists: [], bestRank: Infinity };
      entry.score += list.weight / (k + rank);
      entry.lists.push(list.key);
      entry.bestRank = Math.min(entry.bestRank, rank);
      fused.set(item, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || a.bestRank - b.bestRank);
}

/** Fusion of plain ranked id lists, each weighing the same: ids found by more lists, higher up, first. */
export function fuseRankedIds<T>(lists: readonly (readonly T[])[], k = DEFAULT_RRF_K): T[] {
  return reciprocalRankFusion(
    lists.map((items, index) => ({ key: String(index), weight: 1, items })),
    k,
  ).map((entry) => entry.item);
}

// Combines the fused text relevance with the structured signals into one score and the
// reasons behind it. Diffusion fit is a hard tier, as DOMAIN.md requires: an idea offering
// none of the need's accepted models ranks below every idea that offers one. Half of the
// 0-100 score is that tier, so the score always agrees with the order:
//   score = 50 (offers an accepted route, or the need names none) + 50 x strength
//   strength = relevance x (1 - q + q x quality)
//   quality = weighted sector overlap, evidence, lifecycle fit and adoptions, in [0, 1]
// Quality scales relevance rather than adding to it: a broker shows what fits the need
// first and uses proof to order ideas that fit about equally well, so with q = 0.3 an idea
// needs about 30% more text relevance to be overtaken by a better-proven one.
import type { DiffusionModel, LifecyclePhase, Sector } from "../../app/domain/vocabulary";
import {
  adoptionReasons,
  adoptionStrength,
  diffusionFit,
  diffusionReason,
  evidenceReason,
  evidenceStrength,
  lifecycleFit,
  lifecycleReason,
  sectorOverlap,
  sectorReason,
  type CaseStudyOutcome,
} from "./signals";

/** `quality` is the share of the strength the structured signals can move; the rest weigh the signals within it. */
export type SignalWeights = { quality: number; sectors: number; evidence: number; lifecycle: number; adoptions: number };

export const defaultSignalWeights: SignalWeights = { quality: 0.3, sectors: 0.4, evidence: 0.25, lifecycle: 0.15, adoptions: 0.2 };

export type CandidateIdea = {
  slug: string;
  title: string;
  sectors: Sector[];
  diffusionModels: DiffusionModel[];
  evidenceLevel: number | null;
  lifecyclePhase: LifecyclePhase | null;
  caseStudies: CaseStudyOutcome[];
};

export type Candidate = {
  idea: CandidateIdea;
  /** Fused text relevance (reciprocal rank fusion score). */
  fused: number;
  /** Second-stage text score (rerank.ts: BM25F of the key terms over the idea's text), when computed. */
  text?: number;
  /** Sentence-embedding similarity to the need, relative to the pool's (semantic.ts `relativeSimilarities`), when the model ran. */
  semantic?: number;
  /** Whole-need BM25 score over the pool (engine.ts `wholeNeed`), when computed. */
  wholeNeed?: number;
  /** Matched words and phrases, most telling first. */
  matchedTerms: string[];
};

export type NeedSignals = { sectors: Sector[]; diffusionModels: DiffusionModel[]; lifecyclePhase?: LifecyclePhase | null };

export type RankedIdea = {
  idea: string;
  title: string;
  score: number;
  reasons: string[];
  fits: boolean;
  relevance: number;
  signals: { sectors: number; evidence: number; lifecycle: number; adoptions: number };
  matchedTerms: string[];
};

export type RankOptions = {
  weights?: SignalWeights;
  /** Candidates whose relevance falls below this share of the best one's are left out. */
  minRelevance?: number;
  /** Matched terms shown in the reasons. */
  termsShown?: number;
  /**
   * Text relevance is multiplied by this when the idea shares no sector with the need: the
   * sectors are the commissioner's own statement of the field, and a broker looks there first.
   */
  outOfSectorFactor?: number;
  /**
   * An idea outside the need's sectors whose second-stage text score is at least this share
   * of the best candidate's is penalised less, and not at all when it matches as well as the
   * best: a strong match on the whole text is evidence the sectors were drawn too narrowly.
   * 1 (the default) leaves the factor as it is.
   */
  strongTextMatch?: number;
  /**
   * Share of the text relevance taken from the second-stage text score (each relative to the
   * best candidate's); the rest comes from the fused rank. 0 ignores the text score.
   */
  textWeight?: number;
  /** Share of the text relevance taken from the semantic similarity (semantic.ts), when candidates carry one; it comes out of the fused rank's share (1 - textWeight). */
  semanticWeight?: number;
  /** Share of the text relevance taken from the whole-need BM25 score (relative to the best candidate's), out of the fused rank's share. */
  wholeNeedWeight?: number;
};

/** Relative semantic similarity (semantic.ts) from which an idea is said to be close in meaning to the need. */
const CLOSE_IN_MEANING = 0.6;

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export function rankCandidates(candidates: readonly Candidate[], need: NeedSignals, options: RankOptions = {}): RankedIdea[] {
  const weights = options.weights ?? defaultSignalWeights;
  const best = Math.max(0, ...candidates.map((candidate) => candidate.fused));
  if (best <= 0) return [];
  const bestText = Math.max(0, ...candidates.map((candidate) => candidate.text ?? 0));
  const textWeight = bestText > 0 ? (options.textWeight ?? 0) : 0;
  const semanticWeight = Math.min(1 - textWeight, candidates.some((candidate) => (candidate.semantic ?? 0) > 0) ? (options.semanticWeight ?? 0) : 0);
  // The semantic share comes out of the fused rank's: with the defaults (0.7 BM25F, 0.3
  // semantic) the fused ranks only decide which ideas are in the pool. On the dev needs this
  // scores as well as any mix of the three (within 0.003 nDCG@10).
  const bestWholeNeed = Math.max(0, ...candidates.map((candidate) => candidate.wholeNeed ?? 0));
  const wholeNeedWeight = bestWholeNeed > 0 ? Math.min(1 - textWeight - semanticWeight, options.wholeNeedWeight ?? 0) : 0;
  const fusedWeight = 1 - textWeight - semanticWeight - wholeNeedWeight;
  const signalTotal = weights.sectors + weights.evidence + weights.lifecycle + weights.adoptions || 1;
  const needPhase = need.lifecyclePhase ?? null;
  const scored = candidates
    .map((candidate) => {
      const { idea } = candidate;
      const fit = diffusionFit(idea.diffusionModels, need.diffusionModels);
      const sectors = sectorOverlap(idea.sectors, need.sectors);
      const inSector = sectors.shared.length > 0 || !need.sectors.length;
      const textual =
        fusedWeight * (candidate.fused / best) +
        (textWeight > 0 ? textWeight * ((candidate.text ?? 0) / bestText) : 0) +
        semanticWeight * (candidate.semantic ?? 0) +
        (wholeNeedWeight > 0 ? wholeNeedWeight * ((candidate.wholeNeed ?? 0) / bestWholeNeed) : 0);
      const textRelative = textWeight > 0 ? (candidate.text ?? 0) / bestText : 0;
      const relevance = textual * (inSector ? 1 : sectorFactor(options.outOfSectorFactor ?? 1, textRelative, options.strongTextMatch ?? 1));
      const signals = {
        sectors: sectors.score,
        evidence: evidenceStrength(idea.evidenceLevel),
        lifecycle: lifecycleFit(idea.lifecyclePhase, needPhase),
        adoptions: adoptionStrength(idea.caseStudies),
      };
      const quality =
        (weights.sectors * signals.sectors +
          weights.evidence * signals.evidence +
          weights.lifecycle * signals.lifecycle +
          weights.adoptions * signals.adoptions) /
        signalTotal;
      const strength = relevance * (1 - weights.quality + weights.quality * quality);
      const raw = 50 * (fit.fits ? 1 : 0) + 50 * strength;
      const shown = candidate.matchedTerms.slice(0, options.termsShown ?? 6);
      const reasons = [
        diffusionReason(fit, idea.diffusionModels),
        shown.length ? `matched terms: ${shown.join(", ")}` : null,
        semanticWeight > 0 && (candidate.semantic ?? 0) >= CLOSE_IN_MEANING ? "close in meaning to your need" : null,
        sectorReason(sectors.shared),
        evidenceReason(idea.evidenceLevel),
        lifecycleReason(idea.lifecyclePhase, needPhase),
        ...adoptionReasons(idea.caseStudies),
      ].filter((reason): reason is string => reason !== null);
      return {
        raw,
        match: {
          idea: idea.slug,
          title: idea.title,
          score: round(raw),
          reasons,
          fits: fit.fits,
          relevance: round(relevance, 3),
          signals,
          matchedTerms: candidate.matchedTerms,
        },
      };
    })
    .filter(({ match }) => match.relevance >= (options.minRelevance ?? 0));
  return scored.sort((a, b) => b.raw - a.raw || b.match.relevance - a.match.relevance || a.match.idea.localeCompare(b.match.idea)).map(({ match }) => match);
}

/**
 * The relevance multiplier of an idea sharing no sector with the need: `factor`, rising
 * linearly to 1 as its text score relative to the best candidate's goes from `threshold` to 1.
 */
export function sectorFactor(factor: number, textRelative: number, threshold: number): number {
  if (threshold >= 1 || textRelative <= threshold) return factor;
  const strength = Math.min(1, (textRelative - threshold) / (1 - threshold));
  return factor + (1 - factor) * strength;
}

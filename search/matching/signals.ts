// The structured signals a broker weighs beside the text match, each as a number in [0, 1]
// with the plain words that explain it.
import {
  diffusionModelLabels,
  evidenceLevelLabels,
  lifecyclePhaseLabels,
  sectorLabels,
  type DiffusionModel,
  type EvidenceLevel,
  type LifecyclePhase,
  type Sector,
} from "../../app/domain/vocabulary";

export type DiffusionFit = {
  /** True when the idea offers at least one accepted model, or the need accepts any. */
  fits: boolean;
  /** False when the need names no diffusion model (every idea fits). */
  constrained: boolean;
  /** Models both offered and accepted. */
  shared: DiffusionModel[];
};

/** A need's diffusionModels are the forms the commissioner can accept. */
export function diffusionFit(offered: readonly DiffusionModel[], accepted: readonly DiffusionModel[]): DiffusionFit {
  if (!accepted.length) return { fits: true, constrained: false, shared: [] };
  const shared = offered.filter((model) => accepted.includes(model));
  return { fits: shared.length > 0, constrained: true, shared };
}

const modelName = (model: DiffusionModel) => diffusionModelLabels[model].split(" (")[0].toLowerCase();

export const NO_ACCEPTED_ROUTE = "doesn't offer a route you accept";

export function diffusionReason(fit: DiffusionFit, offered: readonly DiffusionModel[]): string | null {
  if (!fit.constrained) return null;
  if (fit.fits) return `offers a route you accept: ${fit.shared.map(modelName).join(", ")}`;
  return `${NO_ACCEPTED_ROUTE} (it spreads by ${offered.map(modelName).join(" or ") || "no stated route"})`;
}

export function sectorOverlap(ideaSectors: readonly Sector[], needSectors: readonly Sector[]): { score: number; shared: Sector[] } {
  const shared = needSectors.filter((sector) => ideaSectors.includes(sector));
  return { score: needSectors.length ? shared.length / needSectors.length : 0, shared };
}

export function sectorReason(shared: readonly Sector[]): string {
  return shared.length ? `sectors in common: ${shared.map((sector) => sectorLabels[sector]).join(", ")}` : "no sector in common";
}

/** Standards of evidence 1 to 5 mapped onto [0, 1]; no stated level counts as none. */
export function evidenceStrength(level: number | null): number {
  if (!level) return 0;
  return Math.min(Math.max(level - 1, 0), 4) / 4;
}

export function evidenceReason(level: number | null): string {
  if (!level || !(level in evidenceLevelLabels)) return "no evidence level stated";
  const label = evidenceLevelLabels[level as EvidenceLevel].replace(/^\d+:\s*/, "");
  return `evidence level ${level} of 5: ${label}`;
}

// How far an idea has travelled: latent ideas in this catalogue are ones that stalled or
// reversed, embedding ones are routine and replicated.
const maturity: Record<LifecyclePhase, number> = { latent: 0, discovery: 0.35, mobilisation: 0.6, mainstream: 0.9, embedding: 1 };

/**
 * How well the idea's lifecycle phase suits the need. A commissioner still exploring a problem
 * (latent, discovery) can take up an idea at any stage and values proof; one already
 * piloting (mobilisation) needs an idea ready to pilot now; one mainstreaming needs an idea
 * already in routine practice.
 */
export function lifecycleFit(ideaPhase: LifecyclePhase | null, needPhase: LifecyclePhase | null = null): number {
  if (!ideaPhase) return 0.3;
  const mature = maturity[ideaPhase];
  if (!needPhase || needPhase === "latent" || needPhase === "discovery") return needPhase ? 0.5 + 0.5 * mature : mature;
  if (needPhase === "mobilisation") return mature >= 0.6 ? 1 : 0.4 * mature;
  return mature >= 0.9 ? mature : mature * 0.5;
}

const phaseNotes: Record<LifecyclePhase, string> = {
  latent: "stalled or reversed where it was tried",
  discovery: "still being designed and discovered",
  mobilisation: "being piloted by new teams",
  mainstream: "routine practice where it runs",
  embedding: "routine practice and replicated in other services",
};

export function lifecycleReason(ideaPhase: LifecyclePhase | null, needPhase: LifecyclePhase | null = null): string {
  if (!ideaPhase) return "lifecycle phase not stated";
  const base = `lifecycle: ${lifecyclePhaseLabels[ideaPhase].toLowerCase()}, ${phaseNotes[ideaPhase]}`;
  if (!needPhase) return base;
  const fit = lifecycleFit(ideaPhase, needPhase);
  return `${base} (${fit >= 0.75 ? "suits" : "a stretch for"} a need at ${lifecyclePhaseLabels[needPhase].toLowerCase()})`;
}

export type CaseStudyOutcome = { locality: string; status: "piloting" | "adopted" | "stopped" };

/** Adoptions elsewhere: one counts for half, three or more for all of it. */
export function adoptionStrength(caseStudies: readonly CaseStudyOutcome[]): number {
  const adopted = caseStudies.filter((study) => study.status === "adopted").length;
  return Math.min(1, Math.log2(1 + adopted) / 2);
}

export function adoptionReasons(caseStudies: readonly CaseStudyOutcome[]): string[] {
  const places = (status: CaseStudyOutcome["status"]) => caseStudies.filter((study) => study.status === status).map((study) => study.locality);
  const plural = (n: number) => (n === 1 ? "1 place" : `${n} places`);
  const reasons: string[] = [];
  const adopted = places("adopted");
  const piloting = places("piloting");
  const stopped = places("stopped");
  if (adopted.length) reasons.push(`adopted in ${plural(adopted.length)}: ${adopted.join("; ")}`);
  if (piloting.length) reasons.push(`being piloted in ${plural(piloting.length)}: ${piloting.join("; ")}`);
  if (stopped.length) reasons.push(`stopped in ${plural(stopped.length)}: ${stopped.join("; ")} (read the lessons)`);
  if (!caseStudies.length) reasons.push("no case studies yet");
  return reasons;
}

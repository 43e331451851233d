// A candidate for the ranking's second stage, with a plain idea that each test adjusts.
import type { Candidate, CandidateIdea } from "../../search/matching/rank";

export function matchingCandidate(slug: string, fields: Partial<Omit<Candidate, "idea">> = {}, idea: Partial<CandidateIdea> = {}): Candidate {
  return {
    idea: {
      slug,
      title: `Idea ${slug}`,
      sectors: ["ageing"],
      diffusionModels: ["uncontrolled"],
      evidenceLevel: 2,
      lifecyclePhase: "mainstream",
      caseStudies: [],
      ...idea,
    },
    fused: 0,
    matchedTerms: [],
    ...fields,
  };
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getPublishedIdea } from "../models/ideas.server";
import { apiError } from "../utils/api.server";
import { getExchange } from "../utils/exchange.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const idea = getPublishedIdea(getExchange().db, params.slug ?? "");
  if (!idea) return apiError(404, `No published idea has the slug "${params.slug}"`);
  return json({
    slug: idea.slug,
    title: idea.title,
    summary: idea.summary,
    problem: idea.problem,
    solution: idea.solution,
    evidence: idea.evidence,
    evidenceLevel: idea.evidenceLevel,
    sectors: idea.sectors,
    typology: idea.typology,
    diffusionModels: idea.diffusionModels,
    lifecyclePhase: idea.lifecyclePhase,
    origin: { locality: idea.originLocality, country: idea.originCountry },
    organisation: idea.organisation,
    costs: idea.costs,
    tags: idea.tags,
    diffusionDetails: idea.diffusionDetails,
    caseStudies: idea.caseStudies.map(({ locality, country, year, status, outcomes, lessons }) => ({ locality, country, year, status, outcomes, lessons })),
  });
}

// An organisation's public page: its published ideas, open needs and the case studies of what
// it adopted. Organisations only named on published ideas (no accounts) have one too.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { budgetText, deadlineText } from "../domain/need-display";
import { IdeaBadges } from "../components/tags";
import { caseStudyPath, caseStudyPlace } from "../domain/case-studies";
import { caseStudyStatusLabels } from "../domain/vocabulary";
import { getOrganisationProfile, listOrganisationCaseStudies, listOrganisationIdeas, listOrganisationNeeds } from "../models/organisations.server";
import { getExchange } from "../utils/exchange.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisation.name} | Innovation Exchange` : "Organisation not found | Innovation Exchange" },
  { name: "description", content: data ? `Ideas and open needs of ${data.organisation.name} on the Innovation Exchange.` : "" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const { db } = getExchange();
  const organisation = getOrganisationProfile(db, params.slug ?? "");
  if (!organisation) throw new Response("There is no organisation at this address.", { status: 404 });
  const registered = organisation.organisationId;
  return json(
    {
      // Organisations only named on published ideas have no accounts, so no needs of their own.
      organisation: { name: organisation.name, slug: organisation.slug, registered: registered !== null },
      ideas: listOrganisationIdeas(db, registered, organisation.namedIdeaIds),
      needs: registered === null ? [] : listOrganisationNeeds(db, registered),
      caseStudies: registered === null ? [] : listOrganisationCaseStudies(db, registered),
    },
    { headers: { "Cache-Control": "public, max-age=30" } },
  );
}

export default function OrganisationPage() {
  const { organisation, ideas, needs, caseStudies } = useLoaderData<typeof loader>();
  return (
    <div>
      <p className="text-sm">
        <Link to="/organisations" className="link">
          All organisations
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">{organisation.name}</h1>
      <p className="mt-2 text-slate-700">
        {ideas.length} published {ideas.length === 1 ? "idea" : "ideas"}
        {organisation.registered ? ` · ${needs.length} open ${needs.length === 1 ? "need" : "needs"}` : ""}
        {caseStudies.length ? ` · ${caseStudies.length} ${caseStudies.length === 1 ? "case study" : "case studies"} of what it adopted` : ""}
      </p>
      <section aria-labelledby="ideas-heading" className="mt-8">
        <h2 id="ideas-heading" className="text-2xl font-semibold">
          Published ideas
        </h2>
        {ideas.length === 0 ? (
          <p className="mt-2 rounded bg-slate-50 p-4">{organisation.name} has no published ideas yet.</p>
        ) : (
          <ul className="mt-4 space-y-5">
            {ideas.map((idea) => (
              <li key={idea.id} className="border-b border-slate-200 pb-4">
                <h3 className="text-lg font-semibold">
                  <Link to={`/ideas/${idea.slug}`} className="link-offset-4 hover:underline">
                    {idea.title}
                  </Link>
                </h3>
                <p className="mt-1">{idea.summary}</p>
                <IdeaBadges
                  sectors={idea.sectors}
                  diffusionModels={idea.diffusionModels}
                  lifecyclePhase={idea.lifecyclePhase}
                  evidenceLevel={idea.evidenceLevel}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      {organisation.registered ? (
        <section aria-labelledby="needs-heading" className="mt-10">
          <h2 id="needs-heading" className="text-2xl font-semibold">
            Open needs
          </h2>
          {needs.length === 0 ? (
            <p className="mt-2 rounded bg-slate-50 p-4">{organisation.name} has no open needs.</p>
          ) : (
            <ul className="mt-4 space-y-5">
              {needs.map((need) => {
                const facts = [
                  need.locality,
                  budgetText(need.budgetMin, need.budgetMax),
                  need.deadline ? `deadline ${deadlineText(need.deadline)}` : null,
                ].filter(Boolean);
                return (
                  <li key={need.id} className="border-b border-slate-200 pb-4">
                    <h3 className="text-lg font-semibold">
                      <Link to={`/needs/${need.slug}`} className="link-offset-4 hover:underline">
                        {need.title}
                      </Link>
                    </h3>
                    <p className="mt-1 line-clamp-3">{need.problem}</p>
                    {facts.length ? <p className="mt-1 text-sm text-slate-700">{facts.join(" · ")}</p> : null}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ) : null}
      {caseStudies.length ? (
        <section aria-labelledby="case-studies-heading" className="mt-10">
          <h2 id="case-studies-heading" className="text-2xl font-semibold">
            Case studies of what it adopted
          </h2>
          <ul className="mt-4 space-y-3">
            {caseStudies.map((study) => (
              <li key={study.id}>
                <Link to={caseStudyPath(study.ideaSlug, study.id)} className="link">
                  {study.ideaTitle} in {caseStudyPlace(study)}
                </Link>
                <span className="text-sm text-slate-700"> · {caseStudyStatusLabels[study.status]}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

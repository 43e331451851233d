// A published case study on its own page: /ideas/:slug/case-studies/:id. ("$slug_" keeps it out
// of the idea page's layout: the idea page has no <Outlet/>.) Only a published case study of a
// published idea, under its own idea's address; anything else is not found.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Section } from "../components/section";
import { OutcomeUpdateList } from "../components/outcome-update-list";
import { Badge } from "../components/tags";
import { caseStudyPlace } from "../domain/case-studies";
import { caseStudyFields } from "../domain/case-study-fields";
import { placeSlug } from "../domain/places";
import { caseStudyStatusLabels } from "../domain/vocabulary";
import { getPublicCaseStudy, outcomeUpdateViews } from "../models/case-studies.server";
import { getExchange } from "../utils/exchange.server";

/** What the status means, in a sentence for the page. */
const statusSentence = {
  adopted: "adopted it as routine practice",
  piloting: "is piloting it",
  stopped: "tried it and stopped",
} as const;
const statusTone = { adopted: "green", piloting: "blue", stopped: "amber" } as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Case study not found | Innovation Exchange" }];
  const { idea, study } = data;
  const place = caseStudyPlace(study);
  const description = `${idea.title} in ${place}: ${caseStudyStatusLabels[study.status].toLowerCase()}.${study.outcomes ? ` ${study.outcomes}` : ""}`;
  return [
    { title: `${idea.title} in ${place}: case study | Innovation Exchange` },
    { name: "description", content: description.length > 300 ? `${description.slice(0, 297).trimEnd()}…` : description },
  ];
};

export async function loader({ params }: LoaderFunctionArgs) {
  const { db } = getExchange();
  const id = /^[1-9][0-9]{0,15}$/.test(params.id ?? "") ? Number(params.id) : NaN;
  const found = Number.isSafeInteger(id) ? getPublicCaseStudy(db, params.slug ?? "", id) : null;
  if (!found) throw new Response("There is no published case study at this address.", { status: 404 });
  const { study, idea, adopter } = found;
  return json(
    {
      idea,
      adopter,
      study: { id: study.id, ...caseStudyFields(study), living: study.matchId !== null },
      updates: outcomeUpdateViews(db, [study.id])[study.id] ?? [],
    },
    { headers: { "Cache-Control": "public, max-age=30" } },
  );
}

export default function CaseStudyPage() {
  const { idea, adopter, study, updates } = useLoaderData<typeof loader>();
  const place = [study.locality, study.country].filter(Boolean).join(", ");
  return (
    <article className="max-w-3xl">
      <nav aria-label="Breadcrumb" className="text-sm">
        <ol className="flex flex-wrap gap-x-2 gap-y-1">
          <li>
            <Link to="/ideas" className="link">
              Ideas
            </Link>
            <span aria-hidden="true"> ›</span>
          </li>
          <li>
            <Link to={`/ideas/${idea.slug}`} className="link">
              {idea.title}
            </Link>
            <span aria-hidden="true"> ›</span>
          </li>
          <li>
            <Link to={`/ideas/${idea.slug}#case-studies`} className="link">
              Case studies
            </Link>
            <span aria-hidden="true"> ›</span>
          </li>
          <li aria-current="page">{place}</li>
        </ol>
      </nav>
      <p className="mt-4 text-sm font-semibold uppercase tracking-wide text-slate-700">Case study</p>
      <h1 className="mt-1 text-3xl font-bold">
        {idea.title} in {place}
      </h1>
      <p className="mt-3">
        <Badge tone={statusTone[study.status]}>{caseStudyStatusLabels[study.status]}</Badge>
      </p>
      <p className="mt-3 text-lg">
        {adopter ? adopter.name : place} {statusSentence[study.status]}
        {study.year ? `, from ${study.year}` : ""}.
      </p>
      <dl className="mt-6 grid grid-cols-1 gap-x-6 sm:grid-cols-[auto_1fr] sm:gap-y-2 text-sm [&_dd]:mb-2 sm:[&_dd]:mb-0">
        <dt className="font-semibold">Idea</dt>
        <dd>
          <Link to={`/ideas/${idea.slug}`} className="link">
            {idea.title}
          </Link>
        </dd>
        <dt className="font-semibold">Place</dt>
        <dd>
          <Link to={`/places/${placeSlug(study.locality, study.country)}`} className="link">
            {place}
          </Link>
        </dd>
        {study.year ? (
          <>
            <dt className="font-semibold">Year it began</dt>
            <dd>{study.year}</dd>
          </>
        ) : null}
        <dt className="font-semibold">Status</dt>
        <dd>{caseStudyStatusLabels[study.status]}</dd>
        {adopter ? (
          <>
            <dt className="font-semibold">Adopted by</dt>
            <dd>
              <Link to={`/organisations/${adopter.slug}`} className="link">
                {adopter.name}
              </Link>
            </dd>
          </>
        ) : null}
        {idea.organisation ? (
          <>
            <dt className="font-semibold">The idea comes from</dt>
            <dd>
              <Link to={`/organisations/${idea.organisation.slug}`} className="link">
                {idea.organisation.name}
              </Link>
            </dd>
          </>
        ) : null}
      </dl>
      <Section id="outcomes-heading" title="Outcomes" className="mt-8" headingClassName="text-xl font-semibold">
        <p className="mt-2 whitespace-pre-line">{study.outcomes || "No outcomes have been recorded yet."}</p>
      </Section>
      {study.lessons ? (
        <Section id="lessons-heading" title="Lessons: what worked and what failed" className="mt-6" headingClassName="text-xl font-semibold">
          <p className="mt-2 whitespace-pre-line">{study.lessons}</p>
        </Section>
      ) : null}
      {study.living || updates.length ? (
        <Section id="updates-heading" title="Outcome updates" className="mt-6" headingClassName="text-xl font-semibold">
          {updates.length ? (
            <OutcomeUpdateList updates={updates} className="mt-2" spacing="space-y-3" />
          ) : (
            <p className="mt-2 text-slate-700">
              This is a living case study: its adopter reports outcomes 6, 12 and 24 months after adoption. None has been published yet.
            </p>
          )}
        </Section>
      ) : null}
      <Section id="idea-heading" title="About the idea" className="mt-8 rounded border border-slate-300 p-4" headingClassName="text-lg font-semibold">
        <p className="mt-1">{idea.summary}</p>
        <p className="mt-2">
          <Link to={`/ideas/${idea.slug}`} className="link">
            Read about {idea.title} and its other case studies
          </Link>
        </p>
      </Section>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

// A place: what has been adopted or tried here, ideas that began here, open needs here, and
// what is being tried elsewhere in the same country.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { PageHeading } from "../components/page-heading";
import { Section } from "../components/section";
import { caseStudyPath } from "../domain/case-studies";
import { Badge } from "../components/tags";
import { caseStudyStatusLabels } from "../domain/vocabulary";
import { getNetwork, getPlace } from "../models/network.server";
import { getExchange } from "../utils/exchange.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.place.name} | Innovation Exchange` : "Place not found | Innovation Exchange" },
  { name: "description", content: data ? `Public-service innovations adopted, piloted or begun in ${data.place.name}.` : "" },
];

const countryNames = new Intl.DisplayNames(["en-GB"], { type: "region" });

function countryName(code: string | null): string | null {
  if (!code) return null;
  try {
    return countryNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { db } = getExchange();
  const slug = params.slug ?? "";
  const found = getPlace(db, slug);
  if (!found) throw new Response("The exchange has nothing recorded for a place at this address.", { status: 404 });
  const node = getNetwork(db).network.nodes.find((candidate) => candidate.id === `place:${slug}`) ?? null;
  const country = countryName(found.place.country);
  return json(
    {
      place: { ...found.place, name: found.place.locality, countryName: country },
      studies: found.studies,
      origins: found.origins.map(({ slug: ideaSlug, title, summary }) => ({ slug: ideaSlug, title, summary })),
      needs: found.needs.map(({ slug: needSlug, title, deadline }) => ({ slug: needSlug, title, deadline })),
      nearby: found.nearby,
      measures: node ? { degree: node.degree, betweenness: node.betweenness, roles: node.roles, mainComponent: node.component === 0 } : null,
    },
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}

const statusTone = { adopted: "green", piloting: "blue", stopped: "amber" } as const;

function StudyList({ studies, showPlace }: { studies: ReturnType<typeof useLoaderData<typeof loader>>["studies"]; showPlace?: boolean }) {
  return (
    <ul className="mt-3 space-y-3">
      {studies.map((study, index) => (
        <li key={`${study.ideaSlug}-${study.locality}-${index}`} className="rounded border border-slate-300 p-3">
          <p>
            <Link to={`/ideas/${study.ideaSlug}`} className="font-semibold link">
              {study.ideaTitle}
            </Link>{" "}
            <Badge tone={statusTone[study.status]}>{caseStudyStatusLabels[study.status]}</Badge>
          </p>
          <p className="mt-1 text-sm text-slate-700">
            {showPlace ? study.locality : null}
            {showPlace && study.year ? ", " : null}
            {study.year ? `since ${study.year}` : showPlace ? "" : "year not recorded"}
          </p>
          {study.outcomes ? <p className="mt-1">{study.outcomes}</p> : null}
          <p className="mt-1 text-sm">
            <Link to={caseStudyPath(study.ideaSlug, study.id)} className="link">
              The case study of {study.ideaTitle} in {study.locality}
            </Link>
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function PlacePage() {
  const { place, studies, origins, needs, nearby, measures } = useLoaderData<typeof loader>();
  return (
    <article className="max-w-4xl">
      <PageHeading back={{ to: "/network", label: "Adopter network" }}>{place.name}</PageHeading>
      {place.countryName ? <p className="mt-1 text-lg text-slate-700">{place.countryName}</p> : null}
      {measures ? (
        <p className="mt-3">
          In the adopter network: {measures.degree} {measures.degree === 1 ? "link" : "links"}, betweenness {measures.betweenness.toFixed(3)}
          {measures.roles.includes("hub") ? "; a hub" : ""}
          {measures.roles.includes("gatekeeper") ? "; a gatekeeper between parts of the network" : ""}
          {measures.mainComponent ? "." : "; not connected to the main network."}
        </p>
      ) : null}

      <Section id="here-heading" title="Adopted or tried here" className="mt-8">
        {studies.length ? <StudyList studies={studies} /> : <p className="mt-2">No case study has been recorded here yet.</p>}
      </Section>

      {origins.length ? (
        <Section id="origin-heading" title="Ideas that began here" className="mt-8">
          <ul className="mt-3 space-y-3">
            {origins.map((idea) => (
              <li key={idea.slug}>
                <Link to={`/ideas/${idea.slug}`} className="font-semibold link">
                  {idea.title}
                </Link>
                <p className="text-slate-700">{idea.summary}</p>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {needs.length ? (
        <Section id="needs-heading" title="Open needs here" className="mt-8">
          <ul className="mt-3 list-disc space-y-1 pl-5">
            {needs.map((need) => (
              <li key={need.slug}>
                <Link to={`/needs/${need.slug}`} className="link">
                  {need.title}
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section id="nearby-heading" title="Being tried nearby" className="mt-8">
        {place.countryName ? (
          <>
            <p className="mt-2">Pilots and adoptions elsewhere in {place.countryName}, pilots first, then the most recent adoptions.</p>
            {nearby.length ? <StudyList studies={nearby} showPlace /> : <p className="mt-2">Nothing else has been recorded in {place.countryName} yet.</p>}
          </>
        ) : (
          <p className="mt-2">The country of this place is not recorded, so nothing nearby can be shown.</p>
        )}
      </Section>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

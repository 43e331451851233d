import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge, IdeaBadges } from "../components/tags";
import { diffusionModelLabels, typologyLabels, type DiffusionModel, type Typology } from "../domain/vocabulary";
import { getPublishedIdea } from "../models/ideas.server";
import { getExchange } from "../utils/exchange.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.idea.title} | Innovation Exchange` : "Idea not found | Innovation Exchange" },
  { name: "description", content: data?.idea.summary ?? "" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const idea = getPublishedIdea(getExchange().db, params.slug ?? "");
  if (!idea) throw new Response("There is no published idea at this address.", { status: 404 });
  return json({ idea });
}

const statusTone = { adopted: "green", piloting: "blue", stopped: "amber" } as const;

function Section({ title, text }: { title: string; text: string | null }) {
  if (!text) return null;
  return (
    <section className="mt-6">
      <h2 className="text-xl font-semibold">{title}</h2>
      <p className="mt-2 max-w-3xl whitespace-pre-line">{text}</p>
    </section>
  );
}

export default function IdeaPage() {
  const { idea } = useLoaderData<typeof loader>();
  return (
    <article>
      <p className="text-sm">
        <Link to="/ideas" className="text-brand-700 underline">
          All ideas
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">{idea.title}</h1>
      <p className="mt-3 max-w-3xl text-lg">{idea.summary}</p>
      <IdeaBadges sectors={idea.sectors} diffusionModels={idea.diffusionModels} lifecyclePhase={idea.lifecyclePhase} evidenceLevel={idea.evidenceLevel} />
      <dl className="mt-6 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        {idea.organisation ? (
          <>
            <dt className="font-semibold">Organisation</dt>
            <dd>{idea.organisation}</dd>
          </>
        ) : null}
        {idea.originLocality || idea.originCountry ? (
          <>
            <dt className="font-semibold">Origin</dt>
            <dd>{[idea.originLocality, idea.originCountry].filter(Boolean).join(", ")}</dd>
          </>
        ) : null}
        <dt className="font-semibold">How it can spread</dt>
        <dd>{idea.diffusionModels.map((model) => diffusionModelLabels[model as DiffusionModel]).join("; ")}</dd>
        {idea.typology.length ? (
          <>
            <dt className="font-semibold">Typology</dt>
            <dd>{idea.typology.map((value) => typologyLabels[value as Typology]).join(", ")}</dd>
          </>
        ) : null}
        {idea.tags.length ? (
          <>
            <dt className="font-semibold">Tags</dt>
            <dd>{idea.tags.join(", ")}</dd>
          </>
        ) : null}
      </dl>
      <Section title="The problem" text={idea.problem} />
      <Section title="How it works" text={idea.solution} />
      <Section title="Evidence" text={idea.evidence} />
      <Section title="Costs" text={idea.costs} />
      <section className="mt-8" aria-labelledby="case-studies">
        <h2 id="case-studies" className="text-2xl font-semibold">
          Case studies
        </h2>
        {idea.caseStudies.length === 0 ? (
          <p className="mt-2 text-slate-700">No case studies have been recorded for this idea yet.</p>
        ) : (
          <ul className="mt-4 grid gap-4 md:grid-cols-2">
            {idea.caseStudies.map((study) => (
              <li key={study.id} className="rounded border border-slate-300 p-4">
                <h3 className="text-lg font-semibold">
                  {study.locality}
                  {study.country ? `, ${study.country}` : ""}
                  {study.year ? ` (${study.year})` : ""}
                </h3>
                <Badge tone={statusTone[study.status]}>{study.status}</Badge>
                {study.outcomes ? (
                  <>
                    <h4 className="mt-3 font-semibold">Outcomes</h4>
                    <p>{study.outcomes}</p>
                  </>
                ) : null}
                {study.lessons ? (
                  <>
                    <h4 className="mt-3 font-semibold">Lessons</h4>
                    <p>{study.lessons}</p>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

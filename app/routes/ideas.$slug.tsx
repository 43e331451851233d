import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge, IdeaBadges } from "../components/tags";
import { caseStudyStatusLabels, diffusionModelLabels, typologyLabels, type DiffusionDetails, type DiffusionModel, type Typology } from "../domain/vocabulary";
import { FollowButton } from "../components/follow-button";
import { placeSlug } from "../domain/places";
import { isFollowing } from "../models/alerts.server";
import { listRevisions } from "../models/idea-editor.server";
import { getPublishedIdea } from "../models/ideas.server";
import { publishedOutcomeUpdates } from "../models/living-case-studies.server";
import { listAdopters } from "../models/who-else.server";
import { WhoElseSection } from "../components/who-else";
import { formatDay, outcomeMilestoneLabel } from "../domain/living-case-studies";
import { getExchange } from "../utils/exchange.server";
import { getOptionalUser } from "../utils/session.server";
import { renderMarkdown } from "../utils/markdown.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.idea.title} | Innovation Exchange` : "Idea not found | Innovation Exchange" },
  { name: "description", content: data?.idea.summary ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const idea = getPublishedIdea(getExchange().db, params.slug ?? "");
  if (!idea) throw new Response("There is no published idea at this address.", { status: 404 });
  const follow = { signedIn: !!user, following: user ? isFollowing(getExchange().db, user.id, "idea", idea.id) : false };
  const revisions = listRevisions(getExchange().db, idea.id).map((revision) => ({
    id: revision.id,
    at: revision.createdAt.toISOString(),
    by: revision.actorName,
    fields: revision.changes.map((change) => change.field),
  }));
  const html = {
    problem: renderMarkdown(idea.problem),
    solution: renderMarkdown(idea.solution),
    evidence: renderMarkdown(idea.evidence),
    costs: renderMarkdown(idea.costs),
  };
  const { pendingChanges: _pending, reviewReason: _reason, ...publicIdea } = idea;
  const updates = publishedOutcomeUpdates(getExchange().db, idea.caseStudies.map((study) => study.id));
  const outcomeUpdates = Object.fromEntries(
    [...updates].map(([caseStudyId, list]) => [
      caseStudyId,
      list.map((update) => {
        // Dated when the commissioner wrote it (the broker's review may come days later).
        const date = update.submittedAt ?? update.publishedAt;
        return { id: update.id, label: outcomeMilestoneLabel(update.monthsAfterAdoption), outcomes: update.outcomes, at: date?.toISOString() ?? null, on: date ? formatDay(date) : null };
      }),
    ]),
  );
  const adopters = listAdopters(getExchange().db, idea.id);
  return json({ idea: publicIdea, html, revisions, follow, outcomeUpdates, adopters });
}

const statusTone = { adopted: "green", piloting: "blue", stopped: "amber" } as const;

/** html was rendered from Markdown and sanitised on the server. */
function Section({ title, html }: { title: string; html: string | null }) {
  if (!html) return null;
  return (
    <section className="mt-6">
      <h2 className="text-xl font-semibold">{title}</h2>
      <div className="prose mt-2 max-w-3xl [&_a]:underline [&_li]:ml-5 [&_ol]:list-decimal [&_p]:mb-2 [&_ul]:list-disc" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}

function DiffusionDetailsSection({ details }: { details: DiffusionDetails }) {
  const rows: { model: DiffusionModel; items: [string, string | number | undefined][] }[] = [
    { model: "uncontrolled", items: [["Licence", details.uncontrolled?.licence], ["Replication pack", details.uncontrolled?.replicationPack]] },
    {
      model: "franchise",
      items: [
        ["Fee model", details.franchise?.feeModel],
        ["Core elements an adopter must keep", details.franchise?.coreElements],
        ["What an adopter may adapt", details.franchise?.adaptableElements],
        ["New adopters supported a year", details.franchise?.adoptersPerYear],
      ],
    },
    { model: "takeover", items: [["What transfers", details.takeover?.transfers?.join(", ")], ["Terms", details.takeover?.terms]] },
    { model: "growth", items: [["Capacity to expand", details.growth?.capacity], ["Investment needed", details.growth?.investmentNeeded]] },
  ];
  const present = rows.filter((row) => details[row.model] && row.items.some(([, value]) => value !== undefined && value !== ""));
  if (!present.length) return null;
  return (
    <section className="mt-6" aria-labelledby="routes-heading">
      <h2 id="routes-heading" className="text-xl font-semibold">
        Routes to adoption
      </h2>
      <div className="mt-2 grid gap-4 md:grid-cols-2">
        {present.map((row) => (
          <div key={row.model} className="rounded border border-slate-300 p-4">
            <h3 className="font-semibold">{diffusionModelLabels[row.model]}</h3>
            <dl className="mt-2 text-sm">
              {row.items
                .filter(([, value]) => value !== undefined && value !== "")
                .map(([label, value]) => (
                  <div key={label} className="mb-2">
                    <dt className="font-semibold">{label}</dt>
                    <dd className="whitespace-pre-line">{value}</dd>
                  </div>
                ))}
            </dl>
          </div>
        ))}
      </div>
    </section>
  );
}

export default function IdeaPage() {
  const { idea, html, revisions, follow, outcomeUpdates, adopters } = useLoaderData<typeof loader>();
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
      <FollowButton itemType="idea" slug={idea.slug} following={follow.following} signedIn={follow.signedIn} />
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
      <Section title="The problem" html={html.problem} />
      <Section title="How it works" html={html.solution} />
      <Section title="Evidence" html={html.evidence} />
      {idea.evidenceLevel && idea.evidenceJustification ? (
        <p className="mt-2 max-w-3xl text-sm text-slate-700">
          Evidence level {idea.evidenceLevel}, set by a broker: {idea.evidenceJustification}
        </p>
      ) : null}
      <DiffusionDetailsSection details={idea.diffusionDetails as DiffusionDetails} />
      <Section title="Costs" html={html.costs} />
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
                  <Link to={`/places/${placeSlug(study.locality, study.country)}`} className="text-brand-700 underline">
                    {study.locality}
                    {study.country ? `, ${study.country}` : ""}
                  </Link>
                  {study.year ? ` (${study.year})` : ""}
                </h3>
                <Badge tone={statusTone[study.status]}>{caseStudyStatusLabels[study.status]}</Badge>
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
                {outcomeUpdates[study.id]?.length ? (
                  <>
                    <h4 className="mt-3 font-semibold">Outcome updates</h4>
                    <ol className="mt-1 space-y-2 border-l-2 border-slate-300 pl-3">
                      {outcomeUpdates[study.id].map((update) => (
                        <li key={update.id}>
                          <p className="text-sm font-semibold text-slate-700">
                            {update.label}
                            {update.at && update.on ? (
                              <>
                                {" · "}
                                <time dateTime={update.at}>{update.on}</time>
                              </>
                            ) : null}
                          </p>
                          <p className="whitespace-pre-line">{update.outcomes}</p>
                        </li>
                      ))}
                    </ol>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <WhoElseSection adopters={adopters} />
      {revisions.length ? (
        <section className="mt-8" aria-labelledby="history-heading">
          <h2 id="history-heading" className="text-xl font-semibold">
            History
          </h2>
          <ol className="mt-2 space-y-1 text-sm">
            {revisions.map((revision) => (
              <li key={revision.id}>
                <time dateTime={revision.at}>{new Date(revision.at).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })}</time>
                {revision.by ? ` by ${revision.by}` : ""}: changed {revision.fields.join(", ")}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

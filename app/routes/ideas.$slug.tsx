import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { PageHeading } from "../components/page-heading";
import { IdeaHistory } from "../components/idea-history";
import { Section } from "../components/section";
import { OutcomeUpdateList } from "../components/outcome-update-list";
import { Badge, IdeaBadges } from "../components/tags";
import { caseStudyStatusLabels, diffusionModelLabels, typologyLabels, type DiffusionDetails, type DiffusionModel, type Typology } from "../domain/vocabulary";
import { FollowButton } from "../components/follow-button";
import { placeSlug } from "../domain/places";
import { isFollowing } from "../models/alerts.server";
import { listRevisions } from "../models/idea-editor.server";
import { getPublishedIdea } from "../models/ideas.server";
import { getOrganisation } from "../models/organisations.server";
import { outcomeUpdateViews } from "../models/case-studies.server";
import { caseStudyPath, organisationSlugOf } from "../domain/case-studies";
import { revisionChangeViews } from "../domain/idea-revisions";
import { listAdopters } from "../models/who-else.server";
import { WhoElseSection } from "../components/who-else";
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
    changes: revisionChangeViews(revision.changes),
  }));
  const html = {
    problem: renderMarkdown(idea.problem),
    solution: renderMarkdown(idea.solution),
    evidence: renderMarkdown(idea.evidence),
    costs: renderMarkdown(idea.costs),
  };
  const { pendingChanges: _pending, reviewReason: _reason, ...publicIdea } = idea;
  const outcomeUpdates = outcomeUpdateViews(
    getExchange().db,
    idea.caseStudies.map((study) => study.id),
  );
  const adopters = listAdopters(getExchange().db, idea.id);
  // The name written on the idea, else the registered organisation it was recorded against: either has a profile.
  const organisationName = idea.organisation?.trim() || (idea.organisationId ? getOrganisation(getExchange().db, idea.organisationId)?.name : null);
  const organisation = organisationName ? { name: organisationName, slug: organisationSlugOf(organisationName) } : null;
  return json({ idea: publicIdea, html, revisions, follow, outcomeUpdates, adopters, organisation });
}

const statusTone = { adopted: "green", piloting: "blue", stopped: "amber" } as const;

/** html was rendered from Markdown and sanitised on the server. */
function MarkdownSection({ title, html }: { title: string; html: string | null }) {
  if (!html) return null;
  return (
    <section className="mt-6">
      <h2 className="text-xl font-semibold">{title}</h2>
      <div
        className="prose mt-2 max-w-3xl [&_a]:underline [&_li]:ml-5 [&_ol]:list-decimal [&_p]:mb-2 [&_ul]:list-disc"
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </section>
  );
}

function DiffusionDetailsSection({ details }: { details: DiffusionDetails }) {
  const rows: { model: DiffusionModel; items: [string, string | number | undefined][] }[] = [
    {
      model: "uncontrolled",
      items: [
        ["Licence", details.uncontrolled?.licence],
        ["Replication pack", details.uncontrolled?.replicationPack],
      ],
    },
    {
      model: "franchise",
      items: [
        ["Fee model", details.franchise?.feeModel],
        ["Core elements an adopter must keep", details.franchise?.coreElements],
        ["What an adopter may adapt", details.franchise?.adaptableElements],
        ["New adopters supported a year", details.franchise?.adoptersPerYear],
      ],
    },
    {
      model: "takeover",
      items: [
        ["What transfers", details.takeover?.transfers?.join(", ")],
        ["Terms", details.takeover?.terms],
      ],
    },
    {
      model: "growth",
      items: [
        ["Capacity to expand", details.growth?.capacity],
        ["Investment needed", details.growth?.investmentNeeded],
      ],
    },
  ];
  const present = rows.filter((row) => details[row.model] && row.items.some(([, value]) => value !== undefined && value !== ""));
  if (!present.length) return null;
  return (
    <Section id="routes-heading" title="Routes to adoption" className="mt-6" headingClassName="text-xl font-semibold">
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
    </Section>
  );
}

export default function IdeaPage() {
  const { idea, html, revisions, follow, outcomeUpdates, adopters, organisation } = useLoaderData<typeof loader>();
  return (
    <article>
      <PageHeading back={{ to: "/ideas", label: "All ideas" }}>{idea.title}</PageHeading>
      <p className="mt-3 max-w-3xl text-lg">{idea.summary}</p>
      <IdeaBadges sectors={idea.sectors} diffusionModels={idea.diffusionModels} lifecyclePhase={idea.lifecyclePhase} evidenceLevel={idea.evidenceLevel} />
      <FollowButton itemType="idea" slug={idea.slug} following={follow.following} signedIn={follow.signedIn} />
      <dl className="mt-6 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        {organisation ? (
          <>
            <dt className="font-semibold">Organisation</dt>
            <dd>
              <Link to={`/organisations/${organisation.slug}`} className="link">
                {organisation.name}
              </Link>
            </dd>
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
      <MarkdownSection title="The problem" html={html.problem} />
      <MarkdownSection title="How it works" html={html.solution} />
      <MarkdownSection title="Evidence" html={html.evidence} />
      {idea.evidenceLevel && idea.evidenceJustification ? (
        <p className="mt-2 max-w-3xl text-sm text-slate-700">
          Evidence level {idea.evidenceLevel}, set by a broker: {idea.evidenceJustification}
        </p>
      ) : null}
      <DiffusionDetailsSection details={idea.diffusionDetails as DiffusionDetails} />
      <MarkdownSection title="Costs" html={html.costs} />
      <Section id="case-studies" title="Case studies" className="mt-8">
        {idea.caseStudies.length === 0 ? (
          <p className="mt-2 text-slate-700">No case studies have been recorded for this idea yet.</p>
        ) : (
          <ul className="mt-4 grid gap-4 md:grid-cols-2">
            {idea.caseStudies.map((study) => (
              <li key={study.id} className="rounded border border-slate-300 p-4">
                <h3 className="text-lg font-semibold">
                  <Link to={caseStudyPath(idea.slug, study.id)} className="link">
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
                    <OutcomeUpdateList updates={outcomeUpdates[study.id]} />
                  </>
                ) : null}
                <p className="mt-3 text-sm">
                  <Link to={`/places/${placeSlug(study.locality, study.country)}`} className="link">
                    More from {study.locality}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <WhoElseSection adopters={adopters} />
      <IdeaHistory revisions={revisions} />
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

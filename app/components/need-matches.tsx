// The commissioner's need page, matching part: the shortlist and matches already made, and
// the engine's ranked ideas with reasons, marked terms, procurement hints, GET filters and
// the shortlist / introduction buttons (plain forms: they work without JavaScript).
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import { isFiltered, MATCHES_PER_STEP, needMatchListSearch, visibleMatches, type NeedMatchFilters, type NeedMatchView } from "../domain/match-display";
import { matchActionLabels } from "../domain/match-workflow";
import { evidenceLevelLabels, evidenceLevels, matchStatusLabels, sectorLabels, sectors, type MatchStatus } from "../domain/vocabulary";
import { MarkedText, MatchDeadline, MatchStatusBadge, ProcurementHintBox } from "./match-parts";
import type { IdeaForNeed } from "../models/need-match-list.server";
import { IdeaBadges } from "./tags";
import { Banner } from "./banner";
import { DataTable } from "./data-table";
import { FilterSelect } from "./filter-select";
import { LinkParagraph } from "./link-paragraph";
import { Section } from "./section";
import { SubmitButton } from "./submit-button";

type ExistingMatch = {
  id: number;
  status: MatchStatus;
  idea: { slug: string; title: string };
  commissionerAgreed: boolean;
  innovatorAgreed: boolean;
  confirmed: boolean;
  deadline: { date: string; words: string; overdue: boolean } | null;
};

function consentSummary(match: ExistingMatch): string {
  if (match.commissionerAgreed && match.innovatorAgreed) return "Both agreed: contact details shared";
  if (match.commissionerAgreed) return match.confirmed ? "Waiting for the innovator to agree" : "Waiting for a broker to confirm";
  if (match.innovatorAgreed) return "The innovator agreed; ask for an introduction";
  return "No introduction asked for yet";
}

export function NeedMatchList({ matches }: { matches: ExistingMatch[] }) {
  return (
    <Section id="shortlist-heading" title="Your shortlist and matches" className="mt-8">
      {matches.length === 0 ? (
        <p className="mt-2 rounded bg-slate-50 p-4">No matches yet. Add ideas from the list below to your shortlist, or ask for an introduction.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <DataTable caption="Matches for this need, with their status" columns={["Idea", "Status", "Introduction", "Deadline", "Match page"]}>
            {matches.map((match) => (
              <tr key={match.id} className="border-b border-slate-200 align-top">
                <td data-label="Idea" className="py-2 pr-4">
                  {match.idea.title}
                </td>
                <td data-label="Status" className="py-2 pr-4">
                  <MatchStatusBadge status={match.status} />
                </td>
                <td data-label="Introduction" className="py-2 pr-4">
                  {consentSummary(match)}
                </td>
                <td data-label="Deadline" className="py-2 pr-4">
                  <MatchDeadline deadline={match.deadline} />
                </td>
                <td data-label="Match page" className="py-2">
                  <Link to={`/matches/${match.id}`} className="link">
                    Open<span className="sr-only"> the match with {match.idea.title}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </Section>
  );
}

/** An idea ranked for the need as the need page's loader sends it (IdeaForNeed, with only the hint's words). */
type IdeaForNeedView = Omit<IdeaForNeed, "hint"> & { hint: Pick<IdeaForNeed["hint"], "route" | "detail"> };

const MATCHED_TERMS_PREFIX = "matched terms: ";

function Reason({ reason }: { reason: string }) {
  if (!reason.startsWith(MATCHED_TERMS_PREFIX)) return <li>{reason}</li>;
  const terms = reason.slice(MATCHED_TERMS_PREFIX.length).split(", ");
  return (
    <li>
      matched terms:{" "}
      {terms.map((term, index) => (
        <span key={term}>
          {index ? ", " : ""}
          <mark>{term}</mark>
        </span>
      ))}
    </li>
  );
}

const sectorOptions = [{ value: "", label: "Any sector" }, ...sectors.map((sector) => ({ value: sector, label: sectorLabels[sector] }))];
const evidenceOptions = [{ value: "", label: "Any level" }, ...evidenceLevels.map((level) => ({ value: String(level), label: evidenceLevelLabels[level] }))];
const filterSelectClass = "mt-1 max-w-full rounded border-2 border-slate-700 bg-white px-3 py-2";

function FilterForm({ filters }: { filters: NeedMatchFilters }) {
  return (
    <Form method="get" className="mt-4 flex flex-wrap items-end gap-4 rounded border border-slate-300 bg-slate-50 p-4" aria-label="Filter matching ideas">
      <FilterSelect
        id="filter-sector"
        name="sector"
        label="Sector"
        defaultValue={filters.sector ?? ""}
        options={sectorOptions}
        className="max-w-full"
        selectClassName={filterSelectClass}
      />
      <FilterSelect
        id="filter-evidence"
        name="evidenceLevel"
        label="Minimum evidence level"
        defaultValue={filters.evidenceLevel ? String(filters.evidenceLevel) : ""}
        options={evidenceOptions}
        className="max-w-full"
        selectClassName={filterSelectClass}
      />
      <div className="flex items-center gap-2 pb-2">
        <input id="filter-accepted" type="checkbox" name="acceptedOnly" value="1" defaultChecked={filters.acceptedOnly} className="h-5 w-5" />
        <label htmlFor="filter-accepted" className="font-semibold">
          Only ideas offering a route I accept
        </label>
      </div>
      <div className="flex items-center gap-4">
        <SubmitButton>Apply filters</SubmitButton>
        {isFiltered(filters) ? (
          <Link to="." className="link">
            Clear filters
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function IdeaActions({ idea, error }: { idea: IdeaForNeedView; error: string | null }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("idea") === idea.slug;
  const errorId = `idea-${idea.slug}-error`;
  return (
    <div className="mt-3">
      {error ? (
        <p id={errorId} role="alert" className="mb-2 font-semibold text-red-800">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        {idea.actions.map((action) => (
          <Form key={action} method="post">
            <input type="hidden" name="intent" value={action} />
            <input type="hidden" name="idea" value={idea.slug} />
            <SubmitButton look={action === "request-introduction" ? "primary" : "secondary"} disabled={busy} aria-describedby={error ? errorId : undefined}>
              {matchActionLabels[action]}
              <span className="sr-only">: {idea.title}</span>
            </SubmitButton>
          </Form>
        ))}
        {idea.match ? (
          <p>
            <MatchStatusBadge status={idea.match.status} />{" "}
            <Link to={`/matches/${idea.match.id}`} className="link">
              Open the match<span className="sr-only"> with {idea.title}</span>
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}

const doneMessages: Record<string, string> = {
  shortlist: "Added to your shortlist.",
  "request-introduction": "You asked for an introduction. A broker confirms the match, then the innovator is asked to agree.",
};

/** "Show more" and "show weaker matches": plain links (GET), so they work without JavaScript. */
function MoreMatchesLinks({
  filters,
  view,
  shown,
  more,
  hiddenWeak,
  weaker,
}: {
  filters: NeedMatchFilters;
  view: NeedMatchView;
  shown: number;
  more: number;
  hiddenWeak: number;
  weaker: boolean;
}) {
  if (!more && !hiddenWeak && !view.weaker) return null;
  const step = Math.min(MATCHES_PER_STEP, more);
  return (
    <p className="mt-4 flex flex-wrap gap-x-6 gap-y-2">
      {more ? (
        <Link
          to={`.${needMatchListSearch(filters, { shown: shown + MATCHES_PER_STEP, weaker })}#matching-heading`}
          className="font-semibold link"
          preventScrollReset
        >
          Show {step} more {step === 1 ? "match" : "matches"}
        </Link>
      ) : null}
      {hiddenWeak ? (
        <Link to={`.${needMatchListSearch(filters, { shown: view.shown, weaker: true })}`} className="link" preventScrollReset>
          Show {hiddenWeak} weaker {hiddenWeak === 1 ? "match" : "matches"}
        </Link>
      ) : view.weaker ? (
        <Link to={`.${needMatchListSearch(filters, { shown: view.shown, weaker: false })}`} className="link" preventScrollReset>
          Hide weaker matches
        </Link>
      ) : null}
    </p>
  );
}

export function NeedMatchesPanel({
  needSlug,
  filters,
  ranked,
  searchUnavailable,
  ideaError,
  view,
}: {
  needSlug: string;
  filters: NeedMatchFilters;
  ranked: { ideas: IdeaForNeedView[]; pool: number } | null;
  searchUnavailable: boolean;
  ideaError: { slug: string; message: string } | null;
  view: NeedMatchView;
}) {
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const doneIdea = ranked?.ideas.find((idea) => idea.slug === searchParams.get("idea"));
  const list = ranked ? visibleMatches(ranked.ideas, view, doneIdea?.slug ?? ideaError?.slug) : null;
  return (
    <Section id="matching-heading" title="Matching ideas" className="mt-10">
      <p className="mt-1 max-w-3xl text-slate-700">
        Ranked by the exchange’s matching engine: how closely each idea’s text meets your problem, whether it offers a route you accept, its sectors, evidence,
        lifecycle phase and adoptions elsewhere. A broker checks every match before the innovator sees it.
      </p>
      {done && doneMessages[done] && doneIdea ? (
        <Banner tone="success">
          <p className="font-semibold">
            {doneIdea.title}: {doneMessages[done]}
          </p>
        </Banner>
      ) : null}
      {ideaError && !ranked?.ideas.some((idea) => idea.slug === ideaError.slug) ? (
        <p role="alert" className="mt-4 font-semibold text-red-800">
          {ideaError.message}
        </p>
      ) : null}
      <FilterForm filters={filters} />
      {searchUnavailable ? (
        <Banner tone="warning" role="alert">
          <p className="font-semibold">Matching is unavailable just now</p>
          <p className="mt-1">
            The search service is not answering, so we can’t rank ideas for this need. Try again in a few minutes; your shortlist and matches above are
            unaffected.
          </p>
        </Banner>
      ) : ranked && ranked.ideas.length === 0 ? (
        <p className="mt-4 rounded bg-slate-50 p-4">
          {ranked.pool > 0 && isFiltered(filters)
            ? "No matching idea passes these filters. Clear or loosen them to see more."
            : "No published idea matches this need yet. A broker can scout for ideas, and you’ll see new matches here as ideas are published."}
        </p>
      ) : ranked && list ? (
        <>
          <p className="mt-4 text-sm text-slate-700" aria-live="polite">
            {list.visible.length < ranked.ideas.length ? `Showing ${list.visible.length} of ` : ""}
            {ranked.ideas.length} {ranked.ideas.length === 1 ? "idea" : "ideas"}
            {isFiltered(filters) ? ` that pass your filters (of ${ranked.pool} ranked)` : ""}, best first.
            {list.hiddenWeak ? ` ${list.hiddenWeak} weaker ${list.hiddenWeak === 1 ? "match is" : "matches are"} not shown.` : ""}
          </p>
          {list.visible.length === 0 ? <p className="mt-2 rounded bg-slate-50 p-4">Every idea found is only a weak match for this need.</p> : null}
          <ol className="mt-2 space-y-6">
            {list.visible.map((idea, index) => (
              <li key={idea.slug} id={`idea-${idea.slug}`} className="rounded border border-slate-300 p-4">
                <article aria-labelledby={`idea-${idea.slug}-title`}>
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <h3 id={`idea-${idea.slug}-title`} className="text-xl font-semibold">
                      <span className="sr-only">{index + 1}. </span>
                      <Link to={`/ideas/${idea.slug}`} className="link">
                        <MarkedText text={idea.title} terms={idea.matchedTerms} />
                      </Link>
                    </h3>
                    <p className="font-semibold">
                      Score {Math.round(idea.score)}
                      <span className="sr-only"> out of 100</span>
                      <span aria-hidden="true"> / 100</span>
                    </p>
                  </div>
                  <IdeaBadges sectors={idea.sectors} diffusionModels={idea.diffusionModels} lifecyclePhase={null} evidenceLevel={idea.evidenceLevel} />
                  <p className="mt-2 max-w-3xl">
                    <MarkedText text={idea.summary} terms={idea.matchedTerms} />
                  </p>
                  <h4 className="mt-3 font-semibold">Why it matches</h4>
                  <ul className="ml-5 list-disc text-sm">
                    {idea.reasons.map((reason) => (
                      <Reason key={reason} reason={reason} />
                    ))}
                  </ul>
                  <ProcurementHintBox hint={idea.hint} headingLevel={4} />
                  {idea.match ? <p className="sr-only">Already a match: {matchStatusLabels[idea.match.status]}.</p> : null}
                  <IdeaActions idea={idea} error={ideaError?.slug === idea.slug ? ideaError.message : null} />
                </article>
              </li>
            ))}
          </ol>
          <MoreMatchesLinks filters={filters} view={view} shown={list.visible.length} more={list.more} hiddenWeak={list.hiddenWeak} weaker={list.weaker} />
        </>
      ) : null}
      <LinkParagraph to={`/needs/${needSlug}`} className="mt-4 text-sm">
        See the public page of this need
      </LinkParagraph>
    </Section>
  );
}

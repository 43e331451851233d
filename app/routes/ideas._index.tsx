import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { SaveSearchButton } from "../components/follow-button";
import { Highlight } from "../components/highlight";
import { Pagination } from "../components/pagination";
import { IdeaBadges } from "../components/tags";
import { ideaSearchSchema, ideaSortLabels, ideaSorts, parseSearch, type IdeaSort } from "../domain/search-params";
import { caseStudyStatusLabels } from "../domain/vocabulary";
import { ideaFacetParams, ideaFacetRegistry, ideaFacets, type IdeaFacetParam } from "../domain/idea-facets";
import { FACETS_HEADER, facetsWanted, searchIdeas, type IdeaSearchResult } from "../models/search.server";
import { caseStudiesMatchingQuery, type CaseStudyMatch } from "../models/case-studies.server";
import { caseStudyPath, caseStudyPlace, organisationPath } from "../domain/case-studies";
import { getExchange } from "../utils/exchange.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `“${data.q}”: ideas | Innovation Exchange` : "Ideas | Innovation Exchange" },
];

const emptyResult: IdeaSearchResult = {
  degraded: false,
  hits: [],
  total: 0,
  page: 1,
  totalPages: 0,
  facets: Object.fromEntries(ideaFacets.map((facet) => [facet, {}])) as IdeaSearchResult["facets"],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseSearch(ideaSearchSchema, url.searchParams);
  if (!parsed.ok) {
    return json(
      {
        q: url.searchParams.get("q") ?? "",
        sort: "relevance" as IdeaSort,
        selected: {},
        result: emptyResult,
        caseStudyMatches: {} as Record<string, CaseStudyMatch[]>,
        errors: parsed.plain,
        unavailable: false,
      },
      { status: 400 },
    );
  }
  const { db, meili } = getExchange();
  const params = parsed.params;
  const selected = Object.fromEntries(ideaFacetParams.map((param) => [param, params[param]])) as Record<IdeaFacetParam, string[]>;
  const result = await searchIdeas(db, meili, params, { facets: facetsWanted(request) });
  // The case studies of the ideas on this page that hold the query's words, each linked to its
  // own page (one small query, only when there is a query).
  const caseStudyMatches = params.q
    ? caseStudiesMatchingQuery(
        db,
        result.hits.map((hit) => hit.slug),
        params.q,
      )
    : {};
  // The page shows each hit's title and summary through its highlight (the same text, marked):
  // sending the plain copies too would double the hits' share of the page.
  const hits = result.hits.map(({ title: _title, summary: _summary, ...hit }) => hit);
  return json(
    { q: params.q, sort: params.sort, selected, result: { ...result, hits }, caseStudyMatches, errors: [] as string[], unavailable: result.degraded },
    { headers: { "Cache-Control": result.degraded ? "no-store" : "public, max-age=10", Vary: FACETS_HEADER } },
  );
}

/** The filter groups, straight from the facet registry. */
const facetGroups = ideaFacetRegistry.map((entry) => ({ param: entry.param, facet: entry.field, legend: entry.legend, options: entry.options }));

export default function IdeasSearch() {
  const { q, sort, selected, result, caseStudyMatches, errors, unavailable } = useLoaderData<typeof loader>();
  // On a phone the filters fold away behind "Filters" so results come first; the page is
  // rendered with them open (without JavaScript, and on wider screens, they are simply there).
  const [filtersOpen, setFiltersOpen] = useState(true);
  useEffect(() => {
    if (window.matchMedia("(max-width: 47.99rem)").matches) setFiltersOpen(false);
  }, []);
  const submit = useSubmit();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/ideas";
  useEffect(() => () => clearTimeout(timer.current), []);

  // Progressive enhancement: without JavaScript the buttons submit the GET form.
  const submitForm = (delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!formRef.current) return;
      const data = new FormData(formRef.current);
      for (const [key, value] of [...data.entries()]) if (value === "" || (key === "sort" && value === "relevance")) data.delete(key);
      submit(data, { method: "get", replace: true, preventScrollReset: true });
    }, delay);
  };
  const selectedValues = selected as Record<string, string[] | undefined>;
  const anyFilter = Object.values(selectedValues).some((values) => values?.length);

  return (
    <div>
      <h1 className="text-3xl font-bold">Ideas</h1>
      <p className="mt-2 max-w-3xl text-slate-700">Public-service innovations, with the places that tried them and the evidence behind them.</p>
      {errors.length ? (
        <div role="alert" className="mt-4 rounded border-l-4 border-red-700 bg-red-50 p-4">
          <h2 className="font-semibold">There is a problem with this search</h2>
          <ul className="mt-2 list-disc pl-5">
            {errors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
          <p className="mt-2">
            <Link to="/ideas" className="link">
              Start a new search
            </Link>
          </p>
        </div>
      ) : null}
      {unavailable ? (
        <div role="status" className="mt-4 rounded border-l-4 border-amber-600 bg-amber-50 p-4" data-testid="reduced-mode">
          Search is in reduced mode: results come from a simpler index, without typo tolerance or highlighting. Full search will be back shortly; nothing has
          been lost.
        </div>
      ) : null}
      {/* Outside the search form: forms cannot nest. */}
      {errors.length ? null : (
        <div className="mt-4">
          <SaveSearchButton />
        </div>
      )}
      <Form
        ref={formRef}
        method="get"
        action="/ideas"
        className="mt-6 grid gap-8 md:grid-cols-[16rem_1fr]"
        onChange={(event) => submitForm((event.target as HTMLInputElement).type === "search" ? 250 : 0)}
      >
        <div className="md:col-start-2">
          <label htmlFor="q" className="block font-semibold">
            Search ideas
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={200}
              autoComplete="off"
              onInput={() => submitForm(250)}
              className="w-full rounded border-2 border-slate-700 px-3 py-2"
              aria-describedby="q-hint"
            />
            <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
              Search
            </button>
          </div>
          <p id="q-hint" className="mt-1 text-sm text-slate-700">
            For example: loneliness older people, reoffending, home visiting
          </p>
        </div>
        <aside className="md:row-span-2 md:row-start-1" aria-label="Filters">
          <details
            open={filtersOpen}
            onToggle={(event) => setFiltersOpen((event.currentTarget as HTMLDetailsElement).open)}
            className="rounded border border-slate-300 p-3 md:border-0 md:p-0"
          >
            <summary className="cursor-pointer font-semibold text-brand-700 md:hidden">
              Filters{anyFilter ? ` (${Object.values(selectedValues).reduce((sum, values) => sum + (values?.length ?? 0), 0)} chosen)` : ""}
            </summary>
            <h2 className="hidden text-lg font-semibold md:block">Filter</h2>
            {facetGroups
              // A group with no option to offer (no counts, nothing chosen) is left out.
              .filter((group) =>
                group.options.some((option) => (result.facets[group.facet]?.[option.value] ?? 0) > 0 || selectedValues[group.param]?.includes(option.value)),
              )
              .map((group) => (
                <fieldset key={group.param} className="mt-4">
                  <legend className="font-semibold">{group.legend}</legend>
                  <ul className="mt-1 space-y-1">
                    {group.options.map((option) => {
                      const id = `${group.param}-${option.value}`;
                      const countValue = result.facets[group.facet]?.[option.value] ?? 0;
                      const checked = selectedValues[group.param]?.includes(option.value) ?? false;
                      if (!countValue && !checked) return null;
                      return (
                        <li key={option.value} className="flex items-start gap-2">
                          <input id={id} type="checkbox" name={group.param} value={option.value} defaultChecked={checked} className="mt-1 size-4" />
                          <label htmlFor={id} className="text-sm">
                            {option.label} <span className="text-slate-700">({countValue})</span>
                          </label>
                        </li>
                      );
                    })}
                  </ul>
                </fieldset>
              ))}
            <div className="mt-4 flex flex-wrap gap-2">
              <button type="submit" className="rounded border-2 border-slate-700 px-3 py-1 text-sm font-semibold">
                Apply filters
              </button>
              {anyFilter ? (
                <Link to={q ? `/ideas?${new URLSearchParams({ q })}` : "/ideas"} className="px-1 py-1 text-sm link">
                  Clear filters
                </Link>
              ) : null}
            </div>
          </details>
        </aside>
        <section aria-labelledby="results-heading" className="md:col-start-2">
          <h2 id="results-heading" className="sr-only">
            Results
          </h2>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p role="status" aria-live="polite" className="font-semibold">
              {searching ? "Searching…" : `${result.total} ${result.total === 1 ? "idea" : "ideas"}${q ? ` for “${q}”` : ""}`}
            </p>
            <div className="flex items-center gap-2">
              <label htmlFor="sort" className="text-sm font-semibold">
                Sort by
              </label>
              <select id="sort" name="sort" defaultValue={sort} key={sort} className="rounded border-2 border-slate-700 bg-white px-2 py-1 text-sm">
                {ideaSorts.map((value) => (
                  <option key={value} value={value}>
                    {ideaSortLabels[value]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {result.hits.length === 0 && !errors.length ? (
            <div className="mt-4 rounded bg-slate-50 p-4">
              <p>No ideas match this search.</p>
              <p className="mt-1 text-sm text-slate-700">Try fewer words, check the spelling, or clear some filters.</p>
            </div>
          ) : null}
          <ol className="mt-4 space-y-6">
            {result.hits.map((hit) => (
              <li key={hit.slug} className="border-b border-slate-200 pb-4">
                <h3 className="text-xl font-semibold">
                  <Link to={`/ideas/${hit.slug}`} className="link-offset-4 hover:underline">
                    <Highlight text={hit.highlight.title} />
                  </Link>
                </h3>
                <p className="mt-1 text-slate-800">
                  <Highlight text={hit.highlight.summary} />
                </p>
                {hit.highlight.snippet ? (
                  <p className="mt-1 text-sm text-slate-700">
                    Also matched: “<Highlight text={hit.highlight.snippet} />”
                  </p>
                ) : null}
                {caseStudyMatches[hit.slug]?.length ? (
                  <div className="mt-2 text-sm">
                    <p className="font-semibold">Case studies matching “{q}”:</p>
                    <ul className="mt-1 list-disc pl-5">
                      {caseStudyMatches[hit.slug].map((study) => (
                        <li key={study.id}>
                          <Link to={caseStudyPath(hit.slug, study.id)} className="link">
                            {caseStudyPlace(study)}
                          </Link>
                          <span className="text-slate-700"> · {caseStudyStatusLabels[study.status]}</span>
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                <IdeaBadges sectors={hit.sectors} diffusionModels={hit.diffusionModels} lifecyclePhase={hit.lifecyclePhase} evidenceLevel={hit.evidenceLevel} />
                <p className="mt-1 text-sm text-slate-700">
                  {hit.caseStudyCount} case {hit.caseStudyCount === 1 ? "study" : "studies"}
                  {hit.organisation ? (
                    <>
                      {" · "}
                      <Link to={organisationPath(hit.organisation)} className="link">
                        {hit.organisation}
                      </Link>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ol>
          <Pagination page={result.page} totalPages={result.totalPages} />
        </section>
      </Form>
    </div>
  );
}

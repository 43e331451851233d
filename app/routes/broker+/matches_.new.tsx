// A broker proposes a match: an open need (from a select, or by slug when there are very many)
// and a published idea by slug, found by title with the GET finder on the same page. Each way
// the pair can be wrong (unknown slug, need not open, idea not published, already matched)
// gets its own message next to its field, and nothing is written.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { ErrorList, FormErrorSummary } from "../../components/forms";
import { firstErrors, MATCH_TEXT_MAX, proposeMatchSchema } from "../../domain/match-queue";
import { findPublishedIdeas, openNeedChoices, proposeBySlugs } from "../../models/match-queue.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Propose a match | Innovation Exchange" }];

const brokerRoles = ["broker", "admin"] as const;

const short = (value: string | null, max = 200) => (value ?? "").trim().slice(0, max);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, brokerRoles);
  const { db } = getExchange();
  const search = new URL(request.url).searchParams;
  const q = short(search.get("q"), 100);
  return json(
    {
      needChoices: openNeedChoices(db),
      values: { need: short(search.get("need")).toLowerCase(), idea: short(search.get("idea")).toLowerCase() },
      q,
      found: findPublishedIdeas(db, q),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionResult = {
  errors: { need?: string; idea?: string; note?: string; form?: string };
  values: { need: string; idea: string; note: string };
  existingMatchId?: number;
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, brokerRoles);
  const form = Object.fromEntries(await request.formData());
  const values = {
    need: typeof form.need === "string" ? short(form.need) : "",
    idea: typeof form.idea === "string" ? short(form.idea) : "",
    note: typeof form.note === "string" ? form.note.slice(0, MATCH_TEXT_MAX + 100) : "",
  };
  const parsed = proposeMatchSchema.safeParse(form);
  if (!parsed.success) {
    const errors = firstErrors(parsed.error);
    if (errors.intent)
      return json<ActionResult>({ errors: { form: "That request was not understood: reload the page and try again." }, values }, { status: 400 });
    return json<ActionResult>({ errors: { need: errors.need, idea: errors.idea, note: errors.note }, values }, { status: 400 });
  }
  const outcome = proposeBySlugs(getExchange().db, { id: user.id, role: user.role }, parsed.data);
  if (!outcome.ok) return json<ActionResult>({ errors: outcome.errors, values, existingMatchId: outcome.existingMatchId }, { status: outcome.status });
  return redirect(`/broker/matches?${new URLSearchParams({ view: "all", need: outcome.needSlug, done: "proposed" })}`);
}

const fieldClass = (error?: string) => `mt-1 w-full max-w-xl rounded border-2 bg-white px-3 py-2 ${error ? "border-red-700" : "border-slate-700"}`;

export default function ProposeMatch() {
  const { needChoices, values: prefill, q, found } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const values = actionData?.values ?? { ...prefill, note: "" };
  const errors = actionData?.errors ?? {};
  const summary = [errors.form, errors.need, errors.idea, errors.note].filter((error): error is string => !!error);
  const describedBy = (field: string, error?: string, hint?: boolean) =>
    [hint ? `${field}-hint` : null, error ? `${field}-error` : null].filter(Boolean).join(" ") || undefined;
  const choose = (slug: string) =>
    `/broker/matches/new?${new URLSearchParams({ ...(values.need ? { need: values.need } : {}), idea: slug, ...(q ? { q } : {}) })}`;
  return (
    <div>
      <p className="text-sm">
        <Link to="/broker/matches" className="link">
          Match queue
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">Propose a match</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Put an open need and a published idea forward as a match. It joins the queue as suggested, proposed by a broker; confirm it there (with a rationale both
        sides see) when you are ready.
      </p>

      <div className="mt-6 grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="propose-heading">
          <h2 id="propose-heading" className="text-xl font-semibold">
            The match
          </h2>
          <div className="mt-4">
            <FormErrorSummary id="propose-errors" errors={summary} />
            {actionData?.existingMatchId ? (
              <p className="mb-4">
                <Link to={`/matches/${actionData.existingMatchId}`} className="link">
                  Open the existing match #{actionData.existingMatchId}
                </Link>
              </p>
            ) : null}
          </div>
          {/* Keyed on the chosen need and idea: choosing an idea in the finder refills the fields. */}
          <Form key={`${prefill.need}|${prefill.idea}`} method="post" action="/broker/matches/new" noValidate>
            <input type="hidden" name="intent" value="propose" />
            <div className="mb-5">
              <label htmlFor="need" className="block font-semibold">
                Open need
              </label>
              {needChoices === null ? (
                <p id="need-hint" className="text-sm text-slate-700">
                  Its slug: the last part of its address, /needs/<em>slug</em>.
                </p>
              ) : null}
              <ErrorList id="need-error" errors={errors.need ? [errors.need] : null} />
              {needChoices === null ? (
                <input
                  id="need"
                  name="need"
                  type="text"
                  defaultValue={values.need}
                  aria-invalid={errors.need ? true : undefined}
                  aria-describedby={describedBy("need", errors.need, true)}
                  className={fieldClass(errors.need)}
                />
              ) : (
                <select
                  id="need"
                  name="need"
                  defaultValue={values.need}
                  aria-invalid={errors.need ? true : undefined}
                  aria-describedby={describedBy("need", errors.need)}
                  className={fieldClass(errors.need)}
                >
                  <option value="">Choose an open need</option>
                  {values.need && !needChoices.some((need) => need.slug === values.need) ? <option value={values.need}>{values.need}</option> : null}
                  {needChoices.map((need) => (
                    <option key={need.slug} value={need.slug}>
                      {need.title}
                      {need.locality ? ` (${need.locality})` : ""}
                    </option>
                  ))}
                </select>
              )}
            </div>
            <div className="mb-5">
              <label htmlFor="idea" className="block font-semibold">
                Published idea (slug)
              </label>
              <p id="idea-hint" className="text-sm text-slate-700">
                The last part of its address, /ideas/<em>slug</em>. Find it by title with the search beside this form.
              </p>
              <ErrorList id="idea-error" errors={errors.idea ? [errors.idea] : null} />
              <input
                id="idea"
                name="idea"
                type="text"
                defaultValue={values.idea}
                aria-invalid={errors.idea ? true : undefined}
                aria-describedby={describedBy("idea", errors.idea, true)}
                className={fieldClass(errors.idea)}
              />
            </div>
            <div className="mb-5">
              <label htmlFor="note" className="block font-semibold">
                Note (optional)
              </label>
              <p id="note-hint" className="text-sm text-slate-700">
                Why you think they fit; kept in the match&apos;s history.
              </p>
              <ErrorList id="note-error" errors={errors.note ? [errors.note] : null} />
              <textarea
                id="note"
                name="note"
                rows={3}
                defaultValue={values.note}
                aria-invalid={errors.note ? true : undefined}
                aria-describedby={describedBy("note", errors.note, true)}
                className={fieldClass(errors.note)}
              />
            </div>
            <button type="submit" disabled={busy} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
              Propose match
            </button>
          </Form>
        </section>

        <section aria-labelledby="find-heading" className="rounded border border-slate-300 bg-slate-50 p-4">
          <h2 id="find-heading" className="text-xl font-semibold">
            Find an idea
          </h2>
          <Form method="get" action="/broker/matches/new" className="mt-3 flex flex-wrap items-end gap-3">
            {values.need ? <input type="hidden" name="need" value={values.need} /> : null}
            <div>
              <label htmlFor="q" className="block font-semibold">
                Words in the idea&apos;s title
              </label>
              <input id="q" name="q" type="search" defaultValue={q} className="mt-1 rounded border-2 border-slate-700 bg-white px-3 py-2" />
            </div>
            <button type="submit" className="rounded border-2 border-slate-700 bg-white px-4 py-2 font-semibold hover:bg-slate-100">
              Search ideas
            </button>
          </Form>
          {q ? (
            found.length ? (
              <ul className="mt-4 space-y-3" aria-label="Published ideas found">
                {found.map((idea) => (
                  <li key={idea.slug}>
                    <span className="font-semibold">{idea.title}</span> <span className="text-sm text-slate-700">({idea.slug})</span>
                    <Link to={choose(idea.slug)} className="ml-2 link">
                      Use this idea<span className="sr-only">: {idea.title}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-4" role="status">
                No published idea has “{q}” in its title or slug.
              </p>
            )
          ) : null}
        </section>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// A broker proposes a match: an open need (from a select, or by slug when there are very many)
// and a published idea by slug, found by title with the GET finder on the same page. Each way
// the pair can be wrong (unknown slug, need not open, idea not published, already matched)
// gets its own message next to its field, and nothing is written.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { FormErrorSummary } from "../../components/forms";
import { LinkParagraph } from "../../components/link-paragraph";
import { PageHeading } from "../../components/page-heading";
import { controlBorder, PlainField, plainControlProps } from "../../components/plain-field";
import { Section } from "../../components/section";
import { SubmitButton } from "../../components/submit-button";
import { brokerRoles } from "../../domain/broker-roles";
import { firstErrors, MATCH_TEXT_MAX, proposeMatchSchema } from "../../domain/match-queue";
import { findPublishedIdeas, openNeedChoices, proposeBySlugs } from "../../models/match-queue.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Propose a match | Innovation Exchange" }];

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

const fieldClass = (error?: string) => `mt-1 w-full max-w-xl rounded border-2 bg-white px-3 py-2 ${controlBorder(error)}`;

export default function ProposeMatch() {
  const { needChoices, values: prefill, q, found } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const values = actionData?.values ?? { ...prefill, note: "" };
  const errors = actionData?.errors ?? {};
  const summary = [errors.form, errors.need, errors.idea, errors.note].filter((error): error is string => !!error);
  const choose = (slug: string) =>
    `/broker/matches/new?${new URLSearchParams({ ...(values.need ? { need: values.need } : {}), idea: slug, ...(q ? { q } : {}) })}`;
  // With very many open needs there is no select: the need is given by its slug, as the idea is.
  const needBySlug = needChoices === null;
  return (
    <div>
      <PageHeading back={{ to: "/broker/matches", label: "Match queue" }}>Propose a match</PageHeading>
      <p className="mt-2 max-w-3xl text-slate-700">
        Put an open need and a published idea forward as a match. It joins the queue as suggested, proposed by a broker; confirm it there (with a rationale both
        sides see) when you are ready.
      </p>

      <div className="mt-6 grid gap-8 lg:grid-cols-2">
        <Section id="propose-heading" title="The match" headingClassName="text-xl font-semibold">
          <div className="mt-4">
            <FormErrorSummary id="propose-errors" errors={summary} />
            {actionData?.existingMatchId ? (
              <LinkParagraph to={`/matches/${actionData.existingMatchId}`} className="mb-4">
                Open the existing match #{actionData.existingMatchId}
              </LinkParagraph>
            ) : null}
          </div>
          {/* Keyed on the chosen need and idea: choosing an idea in the finder refills the fields. */}
          <Form key={`${prefill.need}|${prefill.idea}`} method="post" action="/broker/matches/new" noValidate>
            <input type="hidden" name="intent" value="propose" />
            <PlainField
              id="need"
              label="Open need"
              hint={
                needBySlug ? (
                  <>
                    Its slug: the last part of its address, /needs/<em>slug</em>.
                  </>
                ) : null
              }
              error={errors.need}
            >
              {needBySlug ? (
                <input
                  {...plainControlProps("need", errors.need, true)}
                  name="need"
                  type="text"
                  defaultValue={values.need}
                  className={fieldClass(errors.need)}
                />
              ) : (
                <select {...plainControlProps("need", errors.need, false)} name="need" defaultValue={values.need} className={fieldClass(errors.need)}>
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
            </PlainField>
            <PlainField
              id="idea"
              label="Published idea (slug)"
              hint={
                <>
                  The last part of its address, /ideas/<em>slug</em>. Find it by title with the search beside this form.
                </>
              }
              error={errors.idea}
            >
              <input {...plainControlProps("idea", errors.idea, true)} name="idea" type="text" defaultValue={values.idea} className={fieldClass(errors.idea)} />
            </PlainField>
            <PlainField id="note" label="Note (optional)" hint="Why you think they fit; kept in the match's history." error={errors.note}>
              <textarea {...plainControlProps("note", errors.note, true)} name="note" rows={3} defaultValue={values.note} className={fieldClass(errors.note)} />
            </PlainField>
            <SubmitButton disabled={busy}>Propose match</SubmitButton>
          </Form>
        </Section>

        <Section id="find-heading" title="Find an idea" className="rounded border border-slate-300 bg-slate-50 p-4" headingClassName="text-xl font-semibold">
          <Form method="get" action="/broker/matches/new" className="mt-3 flex flex-wrap items-end gap-3">
            {values.need ? <input type="hidden" name="need" value={values.need} /> : null}
            <div>
              <label htmlFor="q" className="block font-semibold">
                Words in the idea&apos;s title
              </label>
              <input id="q" name="q" type="search" defaultValue={q} className="mt-1 rounded border-2 border-slate-700 bg-white px-3 py-2" />
            </div>
            <SubmitButton look="secondary">Search ideas</SubmitButton>
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
        </Section>
      </div>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

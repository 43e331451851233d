// The confirmation page for a match's irreversible steps: recording adoption and declining.
// The match page and the broker's queue send their form here (a decline carries its reason,
// which this page shows again to change); only "Yes, ..." here changes the match. Works
// without JavaScript: every step is a plain POST and the page has its own address.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { confirmMatchStepSchema } from "../domain/match-forms";
import { MATCH_TEXT_MAX } from "../domain/match-queue";
import { matchStatusLabels } from "../domain/vocabulary";
import { applyMatchAction } from "../models/match-workflow.server";
import { getExchange } from "../utils/exchange.server";
import { matchIdFrom, matchViewOrThrow } from "../utils/match-route.server";
import { safeRedirect } from "../utils/safe-redirect";
import { requireUser } from "../utils/session.server";
import { ConflictError, domainErrorResponse } from "../models/errors.server";
import { Banner } from "../components/banner";

const confirmable = ["adopt", "decline"] as const;
type ConfirmableAction = (typeof confirmable)[number];

const copy: Record<ConfirmableAction, { title: string; consequence: string; yes: string }> = {
  adopt: {
    title: "Record the adoption of this idea?",
    consequence:
      "The match becomes adopted: it counts in the exchange's figures and on the idea's page, and you will be asked for outcome updates at 3, 6 and 12 months. This cannot be undone.",
    yes: "Yes, record the adoption",
  },
  decline: {
    title: "Decline this match?",
    consequence:
      "The match closes for both sides and the other side is told your reason. This cannot be undone: the idea would need a new match to be considered again.",
    yes: "Yes, decline the match",
  },
};

function actionFrom(params: LoaderFunctionArgs["params"]): ConfirmableAction {
  const action = params.action;
  if (!(confirmable as readonly string[]).includes(action ?? "")) throw new Response("There is nothing to confirm at this address.", { status: 404 });
  return action as ConfirmableAction;
}

/** Where to go afterwards: the broker's queue view they came from, or the match. */
function returnPath(matchId: number, value: FormDataEntryValue | string | null): string {
  const path = safeRedirect(value, `/matches/${matchId}`);
  return path.startsWith("/broker/matches") || path === `/matches/${matchId}` ? path : `/matches/${matchId}`;
}

function withDone(path: string, matchId: number, action: ConfirmableAction): string {
  if (!path.startsWith("/broker/matches")) return `/matches/${matchId}?done=${action}`;
  const url = new URL(path, "http://exchange.local");
  url.searchParams.set("done", action === "decline" ? "declined" : "adopted");
  return `${url.pathname}${url.search}`;
}

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireUser(request);
  const matchId = matchIdFrom(params);
  const action = actionFrom(params);
  const view = matchViewOrThrow(user, matchId);
  return { user, matchId, action, view };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${copy[data.action].title} ${data.match.idea.title} | Innovation Exchange` : "Confirm | Innovation Exchange" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { matchId, action, view } = await load(request, params);
  const returnTo = returnPath(matchId, new URL(request.url).searchParams.get("returnTo"));
  // Already done, or not this viewer's to do: back to the match, which says where it stands.
  if (!view.actions.includes(action)) return redirect(`/matches/${matchId}`);
  return json(
    {
      action,
      returnTo,
      match: { id: matchId, status: view.status, need: { title: view.need.title, locality: view.need.locality }, idea: { title: view.idea.title } },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionData = { reason: string; error: string | null; returnTo: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, matchId, action, view } = await load(request, params);
  const formData = await request.formData();
  const returnTo = returnPath(matchId, formData.get("returnTo"));
  // The reason as typed, to show again with any problem.
  const raw = formData.get("reason");
  const reason = typeof raw === "string" ? raw.trim() : "";
  const reply = (error: string | null, status = 200) => json<ActionData>({ reason, error, returnTo }, { status });
  if (!view.actions.includes(action)) return redirect(`/matches/${matchId}`);
  const submission = parseWithZod(formData, { schema: confirmMatchStepSchema(action) });
  if (submission.status !== "success") return reply(submission.error?.reason?.[0] ?? "That request was not understood.", 400);
  // The first step (from the match page or the queue) only brings the reason here to confirm.
  if (!submission.value.confirmed) return reply(null);
  try {
    applyMatchAction(getExchange().db, user, matchId, { action, text: action === "decline" ? submission.value.reason : null });
  } catch (error) {
    if (error instanceof ConflictError) return reply(error.message, 409);
    throw domainErrorResponse(error, { 404: "There is no match at this address." });
  }
  return redirect(withDone(returnTo, matchId, action));
}

export default function ConfirmMatchStep() {
  const { action: step, match, returnTo: loadedReturnTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const error = actionData?.error ?? null;
  const returnTo = actionData?.returnTo ?? loadedReturnTo;
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) summaryRef.current?.focus();
  }, [error]);
  const text = copy[step];
  return (
    <div className="max-w-2xl">
      <p className="text-sm">
        <Link to={returnTo} className="link">
          Back
        </Link>
      </p>
      {error ? (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          aria-labelledby="confirm-error-title"
          className="mt-4 rounded border-4 border-red-700 p-4 focus:outline-4"
        >
          <h2 id="confirm-error-title" className="text-lg font-semibold">
            There is a problem
          </h2>
          <p className="mt-2">
            {step === "decline" ? (
              <a href="#reason" className="font-semibold text-red-800 underline">
                {error}
              </a>
            ) : (
              <span className="font-semibold text-red-800">{error}</span>
            )}
          </p>
        </div>
      ) : null}
      <h1 className="mt-4 text-3xl font-bold">{text.title}</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">Idea</dt>
        <dd>{match.idea.title}</dd>
        <dt className="font-semibold">Need</dt>
        <dd>
          {match.need.title}
          {match.need.locality ? `, ${match.need.locality}` : ""}
        </dd>
        <dt className="font-semibold">Status now</dt>
        <dd>{matchStatusLabels[match.status]}</dd>
      </dl>
      <Banner tone="warning" role={null} className="mt-6 flex gap-3 p-4">
        <span aria-hidden="true" className="font-bold">
          !
        </span>
        <p>
          <strong className="sr-only">Warning: </strong>
          {text.consequence}
        </p>
      </Banner>
      <Form method="post" className="mt-6">
        <input type="hidden" name="confirmed" value="yes" />
        <input type="hidden" name="returnTo" value={returnTo} />
        {step === "decline" ? (
          <div className="mb-5">
            <label htmlFor="reason" className="block font-semibold">
              Reason for declining
            </label>
            <p id="reason-hint" className="text-sm text-slate-700">
              The other side sees it.
            </p>
            {error ? (
              <p id="reason-error" className="mt-1 text-sm font-semibold text-red-800">
                <span className="sr-only">Error: </span>
                {error}
              </p>
            ) : null}
            <textarea
              id="reason"
              name="reason"
              rows={4}
              maxLength={MATCH_TEXT_MAX}
              defaultValue={actionData?.reason ?? ""}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "reason-hint reason-error" : "reason-hint"}
              className={`mt-1 w-full rounded border-2 px-3 py-2 ${error ? "border-red-700" : "border-slate-700"}`}
            />
          </div>
        ) : null}
        <div className="flex flex-wrap items-center gap-4">
          <button
            type="submit"
            disabled={busy}
            className={`rounded px-4 py-2 font-semibold text-white disabled:opacity-70 ${step === "decline" ? "bg-red-800 hover:bg-red-900" : "bg-brand-700 hover:bg-brand-800"}`}
          >
            {text.yes}
          </button>
          <Link to={returnTo} className="link">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

// Rejecting a queue item cannot be undone (issue 13, item 6), so it is confirmed on a page of
// its own: the decision form on the item's page sends a valid rejection here (GET, with the
// reason), this page asks "Are you sure?" with the reason the submitter will see, and only its
// "Yes, reject" button (a plain POST) rejects. Cancel goes back to the item, nothing changed.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { brokerRoles } from "../../domain/broker-roles";
import { decisionSchema, toDecisionInput } from "../../domain/broker-forms";
import { isReviewItemType, parseItemId } from "../../domain/broker-queue";
import { reviewItemLabels } from "../../domain/review-workflow";
import type { ReviewItemType } from "../../domain/vocabulary";
import { assignableItemTitle } from "../../models/assignments.server";
import { decideCaseStudy, decideIdea, decideNeed, decideOutcomeUpdate, getClaim, isAwaitingReview } from "../../models/review.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";
import { ConflictError, domainErrorResponse, NotAllowedError } from "../../models/errors.server";
import { Banner } from "../../components/banner";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Reject ${data.title}? | Innovation Exchange` : "Review item not found | Innovation Exchange" },
];

function itemFrom(params: LoaderFunctionArgs["params"]): { itemType: ReviewItemType; itemId: number; title: string } {
  const itemId = parseItemId(params.itemId);
  if (!isReviewItemType(params.itemType) || itemId === null) throw new Response("There is no review item at this address.", { status: 404 });
  const title = assignableItemTitle(getExchange().db, params.itemType, itemId);
  if (title === null) throw new Response("There is no review item at this address.", { status: 404 });
  return { itemType: params.itemType, itemId, title };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, brokerRoles);
  const { itemType, itemId, title } = itemFrom(params);
  const back = `/broker/${itemType}/${itemId}`;
  const { db } = getExchange();
  // The reason is checked as the decision form checks it; without one, back to that form.
  const parsed = decisionSchema(itemType).safeParse({ intent: "decide", decision: "reject", reason: new URL(request.url).searchParams.get("reason") ?? "" });
  if (!parsed.success) return redirect(back);
  const claim = getClaim(db, itemType, itemId);
  const blocked = !isAwaitingReview(db, itemType, itemId)
    ? "This item is not waiting for review, so it cannot be rejected."
    : claim && claim.brokerId !== user.id
      ? `${claim.name} has claimed this item: only they can decide it.`
      : null;
  return json(
    { itemType, itemId, title, typeLabel: reviewItemLabels[itemType], reason: parsed.data.reason ?? "", back, blocked },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, brokerRoles);
  const { itemType, itemId } = itemFrom(params);
  const formData = await request.formData();
  const parsed = decisionSchema(itemType).safeParse({ intent: "decide", decision: "reject", reason: formData.get("reason") ?? "" });
  if (!parsed.success) return json({ error: "Say why this is rejected: go back to the item and give a reason the submitter will see." }, { status: 400 });
  try {
    const decide = itemType === "idea" ? decideIdea : itemType === "need" ? decideNeed : itemType === "outcome-update" ? decideOutcomeUpdate : decideCaseStudy;
    decide(getExchange().db, user.id, itemId, toDecisionInput(itemType, parsed.data));
  } catch (error) {
    if (error instanceof ConflictError) return json({ error: error.message }, { status: 409 });
    if (error instanceof NotAllowedError) return json({ error: error.message }, { status: 400 });
    throw domainErrorResponse(error);
  }
  return redirect(`/broker/${itemType}/${itemId}?decided=reject`);
}

export default function ConfirmReject() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const problem = actionData?.error ?? data.blocked;
  return (
    <div className="max-w-3xl">
      <p className="text-sm">
        <Link to={data.back} className="link">
          Back to the {data.typeLabel.toLowerCase()}
        </Link>
      </p>
      <p className="mt-2 text-sm font-semibold text-slate-700">Reject · {data.typeLabel}</p>
      <h1 className="mt-1 text-3xl font-bold">Are you sure you want to reject “{data.title}”?</h1>
      {problem ? (
        <Banner tone="error">
          <h2 className="font-semibold">It cannot be rejected here</h2>
          <p>{problem}</p>
        </Banner>
      ) : null}
      <Banner tone="warning" role={null}>
        <p className="font-semibold">This cannot be undone.</p>
        <p className="mt-1">It is closed and the submitter is told, with this reason:</p>
      </Banner>
      <blockquote className="mt-4 border-l-4 border-slate-400 pl-4 whitespace-pre-line break-words" data-testid="reject-reason">
        {data.reason}
      </blockquote>
      {data.blocked ? (
        <p className="mt-6">
          <Link to={data.back} className="font-semibold link">
            Back to the {data.typeLabel.toLowerCase()}
          </Link>
        </p>
      ) : (
        <Form method="post" className="mt-6 flex flex-wrap items-center gap-x-6 gap-y-3">
          <input type="hidden" name="reason" value={data.reason} />
          <button type="submit" disabled={busy} className="rounded bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900 disabled:opacity-70">
            {busy ? "Rejecting…" : "Yes, reject"}
          </button>
          <Link to={data.back} className="font-semibold link">
            Cancel
          </Link>
        </Form>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

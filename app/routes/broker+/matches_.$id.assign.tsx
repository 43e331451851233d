// Assign a match to a broker who will follow it up (issue 13, item 11): who has it now, and an
// "Assign to" form (brokers, the viewer first as "Me", and an optional note). The assignee is
// told and sees it under "Assigned to me" in the review queue. Brokers and admins only.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AssignmentPanel } from "../../components/assignment-panel";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { LinkParagraph } from "../../components/link-paragraph";
import { LinkTrail } from "../../components/link-trail";
import { MatchStatusBadge } from "../../components/match-parts";
import { brokerRoles } from "../../domain/broker-roles";
import { assigneeOptions, assignSchema } from "../../domain/assignment";
import { formatDateTime, parseItemId } from "../../domain/broker-queue";
import { isMatchOpen } from "../../domain/match-workflow";
import { matchStatusLabels } from "../../domain/vocabulary";
import { AssigneeError, assignableItemTitle, assignItem, getAssignment, listAssignableBrokers, matchStatusOf } from "../../models/assignments.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";
import { ConflictError, domainErrorResponse } from "../../models/errors.server";
import { Banner } from "../../components/banner";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Assign: ${data.title} | Innovation Exchange` : "Match not found | Innovation Exchange" },
];

function matchFrom(params: LoaderFunctionArgs["params"]) {
  const id = parseItemId(params.id);
  const { db } = getExchange();
  const title = id === null ? null : assignableItemTitle(db, "match", id);
  const status = id === null ? undefined : matchStatusOf(db, id);
  if (id === null || title === null || !status) throw new Response("There is no match at this address.", { status: 404 });
  return { id, title, status };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, brokerRoles);
  const { id, title, status } = matchFrom(params);
  const { db } = getExchange();
  const assignment = getAssignment(db, "match", id);
  return json(
    {
      id,
      title,
      status,
      open: isMatchOpen(status),
      userId: user.id,
      assignment: assignment ? { ...assignment, assignedAt: formatDateTime(assignment.assignedAt) } : null,
      assignees: assigneeOptions(listAssignableBrokers(db), user.id),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, brokerRoles);
  const { id } = matchFrom(params);
  const submission = parseWithZod(await request.formData(), { schema: assignSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  try {
    assignItem(getExchange().db, user, { itemType: "match", itemId: id, assigneeId: submission.value.assigneeId, note: submission.value.note });
  } catch (error) {
    if (error instanceof AssigneeError) return json({ result: submission.reply({ fieldErrors: { assigneeId: [error.message] } }) }, { status: 400 });
    if (error instanceof ConflictError) return json({ result: submission.reply({ formErrors: [error.message] }) }, { status: 409 });
    throw domainErrorResponse(error);
  }
  return redirect(`/broker/matches/${id}/assign?done=assigned`);
}

export default function AssignMatch() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const assigned = searchParams.get("done") === "assigned" && data.assignment;
  return (
    <div className="max-w-3xl">
      <LinkTrail
        links={[
          { to: `/matches/${data.id}`, label: "The match" },
          { to: "/broker/matches", label: "Match queue" },
        ]}
      />
      <p className="mt-2 text-sm font-semibold text-slate-700">Assign a match</p>
      <h1 className="mt-1 text-3xl font-bold">{data.title}</h1>
      {assigned && data.assignment ? (
        <Banner tone="success">
          <p className="font-semibold">
            Assigned to {data.assignment.assigneeId === data.userId ? "you" : data.assignment.assigneeName}.
            {data.assignment.assigneeId === data.userId ? "" : " They have been told."}
          </p>
          <LinkParagraph to={`/matches/${data.id}`}>Back to the match</LinkParagraph>
        </Banner>
      ) : null}
      <p className="mt-4">
        Status: <MatchStatusBadge status={data.status} />
      </p>
      <AssignmentPanel
        assignment={data.assignment}
        viewerId={data.userId}
        assignees={data.assignees}
        lastResult={actionData?.result}
        canAssign={data.open}
        cannotAssign={<p className="mt-2">This match is {matchStatusLabels[data.status].toLowerCase()}: there is nothing left to assign.</p>}
        className="mt-6"
      />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

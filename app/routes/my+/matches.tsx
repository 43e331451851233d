// The matches of the signed-in innovator (on their ideas, once a broker has confirmed them)
// or commissioner (across their needs), newest activity first, each linking to its page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { MatchDeadline, MatchStatusBadge } from "../../components/match-parts";
import { matchDeadlineView } from "../../domain/match-display";
import { listMatchesForCommissioner, listMatchesForInnovator } from "../../models/match-workflow.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";
import { TableOrNote } from "../../components/table-or-note";

export const meta: MetaFunction = () => [{ title: "Your matches | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["innovator", "commissioner"]);
  const { db } = getExchange();
  const now = new Date();
  const list = user.role === "innovator" ? listMatchesForInnovator(db, user.id, now) : listMatchesForCommissioner(db, user.id, now);
  const matches = list.map((match) => {
    const ownAgreed = user.role === "innovator" ? match.innovatorAgreed : match.commissionerAgreed;
    const otherAgreed = user.role === "innovator" ? match.commissionerAgreed : match.innovatorAgreed;
    return {
      id: match.id,
      status: match.status,
      idea: match.idea,
      need: match.need,
      deadline: matchDeadlineView(match.dueAt, match.overdue, now),
      introduction: ownAgreed && otherAgreed ? "Both agreed" : ownAgreed ? "Waiting for the other side" : otherAgreed ? "Waiting for you" : "Not asked yet",
      waitingForYou: !ownAgreed && otherAgreed && match.status !== "declined" && match.status !== "adopted",
    };
  });
  return json({ role: user.role as "innovator" | "commissioner", matches }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function MyMatches() {
  const { role, matches } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">Your matches</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        {role === "innovator"
          ? "Commissioners’ needs that a broker has matched with your ideas. Your contact details are shared only once you and the commissioner both agree to an introduction."
          : "Ideas you shortlisted or asked to be introduced to, across all your needs. A broker confirms each match before its innovator sees it."}
      </p>
      <TableOrNote
        rows={matches.length}
        note={
          role === "innovator" ? (
            "No matches yet. When a broker matches one of your published ideas with a commissioner’s need, it appears here."
          ) : (
            <>
              No matches yet. Open one of{" "}
              <Link to="/my/needs" className="link">
                your needs
              </Link>{" "}
              to see the ideas that match it.
            </>
          )
        }
        caption="Your matches, with their status and deadline"
        columns={["Match", role === "innovator" ? "Need" : "Idea", "Status", "Introduction", "Deadline"]}
      >
        {matches.map((match) => (
          <tr key={match.id} className="border-b border-slate-200 align-top">
            <td className="py-2 pr-4">
              <Link to={`/matches/${match.id}`} className="link">
                {match.idea.title} for {match.need.title}
              </Link>
            </td>
            <td className="py-2 pr-4">
              {role === "innovator" ? `${match.need.title}${match.need.locality ? `, ${match.need.locality}` : ""}` : match.idea.title}
            </td>
            <td className="py-2 pr-4">
              <MatchStatusBadge status={match.status} />
            </td>
            <td className="py-2 pr-4">{match.waitingForYou ? <strong>{match.introduction}</strong> : match.introduction}</td>
            <td className="py-2">
              <MatchDeadline deadline={match.deadline} />
            </td>
          </tr>
        ))}
      </TableOrNote>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

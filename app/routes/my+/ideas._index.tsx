import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ideaStatusText } from "../../domain/review-display";
import { Badge } from "../../components/tags";
import { ideaAwaitingReview, listOwnIdeas } from "../../models/idea-editor.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";
import { DataTable } from "../../components/data-table";

export const meta: MetaFunction = () => [{ title: "Your ideas | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["innovator"]);
  const ideas = listOwnIdeas(getExchange().db, user.id).map((idea) => ({
    slug: idea.slug,
    title: idea.title,
    status: idea.status,
    reviewOutcome: idea.reviewOutcome,
    reviewReason: idea.reviewReason,
    awaitingReview: ideaAwaitingReview(idea),
    hasPendingChanges: !!idea.pendingChanges,
    updatedAt: idea.updatedAt.toISOString(),
  }));
  return json({ ideas }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function MyIdeas() {
  const { ideas } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-bold">Your ideas</h1>
        <Link to="/my/ideas/new" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Publish a new idea
        </Link>
      </div>
      {ideas.length === 0 ? (
        <p className="mt-6 rounded bg-slate-50 p-4">
          You have not written any ideas yet. Start with a title and a one-paragraph summary; you can save a draft at any time.
        </p>
      ) : (
        <DataTable caption="Your ideas and their review status" columns={["Idea", "Status", "Broker’s reason"]} stacked={false} className="mt-6">
          {ideas.map((idea) => (
            <tr key={idea.slug} className="border-b border-slate-200 align-top">
              <td className="py-2 pr-4">
                <Link to={`/my/ideas/${idea.slug}`} className="link">
                  {idea.title}
                </Link>
              </td>
              <td className="py-2 pr-4">
                <Badge tone={idea.status === "published" ? "green" : idea.reviewOutcome === "changes-requested" ? "amber" : "slate"}>
                  {ideaStatusText(idea)}
                </Badge>
              </td>
              <td className="py-2">{idea.reviewReason ?? ""}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}

// A commissioner's living case studies: every adopted match of their needs, with its case
// study's review state, its outcome updates and the next one due.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { Badge } from "../../components/tags";
import { formatDay, reviewStatusText } from "../../domain/living-case-studies";
import { listLivingCaseStudies } from "../../models/living-case-studies.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";
import { TableOrNote } from "../../components/table-or-note";

export const meta: MetaFunction = () => [{ title: "Your outcome updates | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["commissioner"]);
  const now = new Date();
  const items = listLivingCaseStudies(getExchange().db, user.id).map((item) => ({
    matchId: item.matchId,
    ideaTitle: item.ideaTitle,
    needTitle: item.needTitle,
    locality: item.locality,
    caseStudy: reviewStatusText[item.caseStudyReviewStatus],
    caseStudyPublished: item.caseStudyReviewStatus === "published",
    adoptedOn: formatDay(item.adoptedAt),
    next: item.next ? { months: item.next.months, dueOn: formatDay(item.next.dueAt), due: item.next.dueAt.getTime() <= now.getTime() } : null,
    updates: item.updates,
  }));
  return json({ items }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function YourOutcomes() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">Your outcome updates</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Each idea you adopt through the exchange becomes a living case study: you are asked what happened 6, 12 and 24 months on, and a broker publishes each
        update on the idea's page for other commissioners.
      </p>
      <TableOrNote
        rows={items.length}
        note="None of your matches has been adopted yet."
        caption="Your adopted matches and their outcome updates"
        columns={["Idea, place and need", "Adopted", "Case study", "Updates", "Next update"]}
        className="max-w-5xl text-sm"
      >
        {items.map((item) => (
          <tr key={item.matchId} className="border-b border-slate-200 align-top">
            <td className="py-3 pr-4">
              <Link to={`/my/outcomes/${item.matchId}`} className="font-semibold link">
                {item.ideaTitle} in {item.locality}
              </Link>
              <span className="block text-slate-700">For “{item.needTitle}”</span>
            </td>
            <td className="py-3 pr-4">{item.adoptedOn}</td>
            <td className="py-3 pr-4">
              <Badge tone={item.caseStudyPublished ? "green" : "slate"}>{item.caseStudy}</Badge>
            </td>
            <td className="py-3 pr-4">
              {item.updates.published} published
              {item.updates.waiting ? `, ${item.updates.waiting} waiting for a broker` : ""}
              {item.updates.sentBack ? <strong className="block text-amber-900">{item.updates.sentBack} sent back for changes</strong> : null}
            </td>
            <td className="py-3">
              {item.next ? (
                item.next.due ? (
                  <Badge tone="amber">{`${item.next.months}-month update due since ${item.next.dueOn}`}</Badge>
                ) : (
                  `${item.next.months}-month update on ${item.next.dueOn}`
                )
              ) : (
                "All three written"
              )}
            </td>
          </tr>
        ))}
      </TableOrNote>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

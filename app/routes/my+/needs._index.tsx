import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { needStatusText } from "../../domain/review-display";
import { Badge } from "../../components/tags";
import { listOwnNeeds } from "../../models/need-editor.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";
import { DataTable } from "../../components/data-table";

export const meta: MetaFunction = () => [{ title: "Your needs | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["commissioner"]);
  const needs = listOwnNeeds(getExchange().db, user.id).map((need) => ({
    slug: need.slug,
    title: need.title,
    status: need.status,
    reviewOutcome: need.reviewOutcome,
    reviewReason: need.reviewReason,
  }));
  return json({ needs }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function MyNeeds() {
  const { needs } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-bold">Your needs</h1>
        <Link to="/my/needs/new" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Post a new need
        </Link>
      </div>
      {needs.length === 0 ? (
        <p className="mt-6 rounded bg-slate-50 p-4">You have not posted a need yet. Describe a problem you must solve; a broker checks it before it opens.</p>
      ) : (
        <DataTable caption="Your needs and their status" columns={["Need", "Status", "Broker’s reason"]} stacked={false} className="mt-6">
          {needs.map((need) => (
            <tr key={need.slug} className="border-b border-slate-200 align-top">
              <td className="py-2 pr-4">
                <Link to={`/my/needs/${need.slug}`} className="link">
                  {need.title}
                </Link>
              </td>
              <td className="py-2 pr-4">
                <Badge tone={need.status === "open" ? "green" : need.reviewOutcome === "changes-requested" ? "amber" : "slate"}>{needStatusText(need)}</Badge>
              </td>
              <td className="py-2">{need.reviewReason ?? ""}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}

// Every organisation on the exchange, with links to their pages.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { listPublicOrganisations } from "../models/organisations.server";
import { getExchange } from "../utils/exchange.server";

export const meta: MetaFunction = () => [{ title: "Organisations | Innovation Exchange" }];

export async function loader(_args: LoaderFunctionArgs) {
  const organisations = listPublicOrganisations(getExchange().db);
  return json({ organisations }, { headers: { "Cache-Control": "public, max-age=30" } });
}

export default function Organisations() {
  const { organisations } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold">Organisations</h1>
      <p className="mt-2 text-slate-700">
        The councils, services, charities and ventures whose people share ideas and needs here, and those that run the published ideas.
      </p>
      {organisations.length === 0 ? (
        <p className="mt-6 rounded bg-slate-50 p-4">No organisations have joined yet.</p>
      ) : (
        <ul className="mt-6 list-disc space-y-1 pl-5">
          {organisations.map((organisation) => (
            <li key={organisation.slug}>
              <Link to={`/organisations/${organisation.slug}`} className="link">
                {organisation.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

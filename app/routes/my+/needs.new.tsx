import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { NeedForm } from "../../components/need-form";
import { ownNeeds } from "../../components/own-items";
import { PageHeading } from "../../components/page-heading";
import { needFormSchemaFor, needQualityCheck } from "../../domain/need-form";
import { createNeedDraft, IncompleteNeedError } from "../../models/need-editor.server";
import { newDraftAction } from "../../utils/owner-pages.server";
import { requireRole } from "../../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Post a new need | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["commissioner"]);
  return json({ quality: needQualityCheck({}) });
}

export function action({ request }: ActionFunctionArgs) {
  return newDraftAction(request, {
    role: "commissioner",
    schemaFor: needFormSchemaFor,
    create: createNeedDraft,
    listPath: ownNeeds.path,
    refusal: IncompleteNeedError,
  });
}

export default function NewNeed() {
  const { quality } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div>
      <PageHeading back={{ to: ownNeeds.path, label: ownNeeds.heading }}>Post a new need</PageHeading>
      <div className="mt-6">
        <NeedForm lastResult={lastResult} submitLabel="Submit to a broker" initialQuality={quality} />
      </div>
    </div>
  );
}

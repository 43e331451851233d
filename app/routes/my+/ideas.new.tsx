import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { IdeaForm } from "../../components/idea-form";
import { ownIdeas } from "../../components/own-items";
import { PageHeading } from "../../components/page-heading";
import { ideaFormSchemaFor } from "../../domain/idea-form";
import { createIdeaDraft } from "../../models/idea-editor.server";
import { newDraftAction } from "../../utils/owner-pages.server";
import { requireRole } from "../../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Publish a new idea | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["innovator"]);
  return null;
}

export function action({ request }: ActionFunctionArgs) {
  return newDraftAction(request, { role: "innovator", schemaFor: ideaFormSchemaFor, create: createIdeaDraft, listPath: ownIdeas.path });
}

export default function NewIdea() {
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-3xl">
      <PageHeading back={{ to: ownIdeas.path, label: ownIdeas.heading }}>Publish a new idea</PageHeading>
      <p className="my-6 text-slate-700">A broker reviews every idea before it is published. Save a draft at any time; submit when it is ready.</p>
      <IdeaForm lastResult={lastResult} submitLabel="Submit for review" />
    </div>
  );
}

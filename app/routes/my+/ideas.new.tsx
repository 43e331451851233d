import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { IdeaForm } from "../../components/idea-form";
import { ideaFormSchemaFor } from "../../domain/idea-form";
import { createIdeaDraft } from "../../models/idea-editor.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Publish a new idea | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["innovator"]);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["innovator"]);
  const formData = await request.formData();
  const submit = formData.get("intent") === "submit";
  const submission = parseWithZod(formData, { schema: ideaFormSchemaFor({ complete: submit }) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const idea = createIdeaDraft(getExchange().db, { id: user.id, organisationId: user.organisationId }, submission.value, submit);
  getExchange().relay?.kick();
  return redirect(`/my/ideas/${idea.slug}?saved=${submit ? "submitted" : "draft"}`);
}

export default function NewIdea() {
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-3xl">
      <p className="text-sm">
        <Link to="/my/ideas" className="link">
          Your ideas
        </Link>
      </p>
      <h1 className="mt-2 mb-6 text-3xl font-bold">Publish a new idea</h1>
      <p className="mb-6 text-slate-700">A broker reviews every idea before it is published. Save a draft at any time; submit when it is ready.</p>
      <IdeaForm lastResult={lastResult} submitLabel="Submit for review" />
    </div>
  );
}

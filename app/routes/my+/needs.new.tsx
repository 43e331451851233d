import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { NeedForm } from "../../components/need-form";
import { needFormSchemaFor, needQualityCheck } from "../../domain/need-form";
import { createNeedDraft, IncompleteNeedError } from "../../models/need-editor.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Post a new need | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["commissioner"]);
  return json({ quality: needQualityCheck({}) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["commissioner"]);
  const formData = await request.formData();
  const submit = formData.get("intent") === "submit";
  const submission = parseWithZod(formData, { schema: needFormSchemaFor({ complete: submit }) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    const need = createNeedDraft(getExchange().db, { id: user.id, organisationId: user.organisationId }, submission.value, submit);
    getExchange().relay?.kick();
    return redirect(`/my/needs/${need.slug}?saved=${submit ? "submitted" : "draft"}`);
  } catch (error) {
    if (error instanceof IncompleteNeedError) return json(submission.reply({ formErrors: [error.message] }), { status: 400 });
    throw error;
  }
}

export default function NewNeed() {
  const lastResult = useActionData<typeof action>();
  return (
    <div>
      <p className="text-sm">
        <Link to="/my/needs" className="link">
          Your needs
        </Link>
      </p>
      <h1 className="mt-2 mb-6 text-3xl font-bold">Post a new need</h1>
      <NeedForm lastResult={lastResult} submitLabel="Submit to a broker" initialQuality={needQualityCheck({})} />
    </div>
  );
}

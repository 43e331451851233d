import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { NeedForm } from "../components/need-form";
import { Badge } from "../components/tags";
import { needFormSchema, needQualityCheck } from "../domain/need-form";
import { NotAllowedError, NotFoundError } from "../models/idea-editor.server";
import { getOwnNeed, IncompleteNeedError, needFormDefaults, updateOwnNeed } from "../models/need-editor.server";
import { getExchange } from "../utils/exchange.server";
import { requireRole } from "../utils/session.server";
import { needStatusText } from "./my.needs._index";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.need.title ?? "Need"}: edit | Innovation Exchange` }];

function loadOwnNeed(userId: string, slug: string) {
  try {
    return getOwnNeed(getExchange().db, userId, slug);
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response("There is no need at this address.", { status: 404 });
    if (error instanceof NotAllowedError) throw new Response(error.message, { status: 403 });
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["commissioner"]);
  const need = loadOwnNeed(user.id, params.slug ?? "");
  return json(
    {
      need: { slug: need.slug, title: need.title, status: need.status, reviewOutcome: need.reviewOutcome, reviewReason: need.reviewReason },
      defaults: needFormDefaults(need),
      quality: needQualityCheck({
        problem: need.problem,
        whoIsAffected: need.whoIsAffected ?? undefined,
        outcomes: need.outcomes ?? undefined,
        budgetMin: need.budgetMin ?? undefined,
        budgetMax: need.budgetMax ?? undefined,
        deadline: need.deadline ?? undefined,
        diffusionModels: need.diffusionModels,
      }),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["commissioner"]);
  const slug = params.slug ?? "";
  loadOwnNeed(user.id, slug);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: needFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), message: null }, { status: 400 });
  try {
    const outcome = updateOwnNeed(getExchange().db, user.id, slug, submission.value, formData.get("intent") === "submit");
    getExchange().relay?.kick();
    return json({ result: submission.reply(), message: outcome === "submitted" ? "Submitted to a broker for triage." : "Your changes are saved." });
  } catch (error) {
    if (error instanceof IncompleteNeedError) return json({ result: submission.reply({ formErrors: [error.message] }), message: null }, { status: 400 });
    if (error instanceof NotAllowedError) return json({ result: null, message: error.message }, { status: 403 });
    throw error;
  }
}

export default function EditNeed() {
  const { need, defaults, quality } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = searchParams.get("saved");
  const message = actionData?.message ?? (saved === "submitted" ? "Submitted to a broker for triage." : saved === "draft" ? "Your draft is saved." : null);
  return (
    <div>
      <p className="text-sm">
        <Link to="/my/needs" className="text-brand-700 underline">
          Your needs
        </Link>
        {need.status === "open" ? (
          <>
            {" · "}
            <Link to={`/needs/${need.slug}`} className="text-brand-700 underline">
              Public page
            </Link>
          </>
        ) : null}
      </p>
      <h1 className="mt-2 text-3xl font-bold">{need.title}</h1>
      <p className="mt-2">
        Status: <Badge tone={need.status === "open" ? "green" : "slate"}>{needStatusText(need)}</Badge>
      </p>
      {message ? (
        <div role="status" className="mt-4 rounded border-l-4 border-emerald-700 bg-emerald-50 p-4">
          {message}
        </div>
      ) : null}
      {need.reviewReason && need.reviewOutcome !== "published" ? (
        <div className="mt-4 rounded border-l-4 border-amber-600 bg-amber-50 p-4">
          <h2 className="font-semibold">{need.reviewOutcome === "rejected" ? "The broker rejected this" : "The broker asked for changes"}</h2>
          <p className="mt-1 whitespace-pre-line">{need.reviewReason}</p>
        </div>
      ) : null}
      <div className="mt-8">
        {need.status === "closed" ? (
          <p className="rounded bg-slate-50 p-4">This need is closed.</p>
        ) : (
          <NeedForm
            lastResult={actionData?.result}
            defaultValue={defaults}
            initialQuality={quality}
            submitLabel={need.status === "draft" ? (need.reviewOutcome === "changes-requested" ? "Resubmit to a broker" : "Submit to a broker") : "Save changes"}
          />
        )}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

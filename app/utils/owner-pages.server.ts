// The server side the innovator's idea pages and the commissioner's need pages share: the
// owner's item at the page's address, and the first save of a new one.
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import type { $ZodType, output } from "zod/v4/core";
import type { ExchangeDb } from "../../db/client";
import { domainErrorResponse } from "../models/errors.server";
import { getExchange } from "./exchange.server";
import { requireRole } from "./session.server";

type OwnerRole = "innovator" | "commissioner";

/** The signed-in owner and their item at the page's address: a 403 page for anyone else's, a 404 page for none. */
export async function requireOwnItem<Row>(
  request: Request,
  params: LoaderFunctionArgs["params"],
  { role, get, notFound }: { role: OwnerRole; get: (db: ExchangeDb, ownerId: string, slug: string) => Row; notFound: string },
) {
  const user = await requireRole(request, [role]);
  try {
    return { user, item: get(getExchange().db, user.id, params.slug ?? "") };
  } catch (error) {
    throw domainErrorResponse(error, { 404: notFound });
  }
}

/** The "Publish a new idea" and "Post a new need" pages' action: the first save, as a draft or straight to a broker, then on to the item's editor, which says which it was. */
export async function newDraftAction<Schema extends $ZodType>(
  request: Request,
  {
    role,
    schemaFor,
    create,
    listPath,
    refusal,
  }: {
    role: OwnerRole;
    /** The form's schema; `complete` when the owner submits rather than saves a draft. */
    schemaFor: (options: { complete: boolean }) => Schema;
    create: (db: ExchangeDb, owner: { id: string; organisationId: number | null }, values: output<Schema>, submit: boolean) => { slug: string };
    /** Where the owner's items of this kind are listed ("/my/ideas"); each one's editor is below it. */
    listPath: string;
    /** An error the model may refuse a submission with: its message becomes the form's error. */
    refusal?: abstract new (...args: never[]) => Error;
  },
) {
  const user = await requireRole(request, [role]);
  const formData = await request.formData();
  const submit = formData.get("intent") === "submit";
  const submission = parseWithZod(formData, { schema: schemaFor({ complete: submit }) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    const item = create(getExchange().db, { id: user.id, organisationId: user.organisationId }, submission.value, submit);
    getExchange().relay?.kick();
    return redirect(`${listPath}/${item.slug}?saved=${submit ? "submitted" : "draft"}`);
  } catch (error) {
    if (refusal && error instanceof refusal) return json(submission.reply({ formErrors: [error.message] }), { status: 400 });
    throw error;
  }
}

// Admin: organisations. Create one, rename one (its web address follows the name).
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { ErrorList, FormErrorSummary, TextField } from "../../components/forms";
import { createOrganisationSchema, renameOrganisationSchema } from "../../domain/admin-forms";
import { createOrganisation, listOrganisations, OrganisationExistsError, renameOrganisation } from "../../models/organisations.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";
import { domainErrorResponse } from "../../models/errors.server";
import { DataTable } from "../../components/data-table";

export const meta: MetaFunction = () => [{ title: "Admin: organisations | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const organisations = listOrganisations(getExchange().db).map(({ id, slug, name, members }) => ({ id, slug, name, members }));
  return json({ organisations }, { headers: { "Cache-Control": "private, no-store" } });
}

type ActionResult = { formId: string; result: SubmissionResult<string[]> };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const { db } = getExchange();
  const formData = await request.formData();
  if (formData.get("intent") === "create") {
    const submission = parseWithZod(formData, { schema: createOrganisationSchema });
    if (submission.status !== "success") return json<ActionResult>({ formId: "create-organisation", result: submission.reply() }, { status: 400 });
    try {
      const organisation = createOrganisation(db, admin.id, submission.value.name);
      return redirect(`/admin/organisations?created=${organisation.id}`);
    } catch (error) {
      if (!(error instanceof OrganisationExistsError)) throw error;
      return json<ActionResult>({ formId: "create-organisation", result: submission.reply({ fieldErrors: { name: [error.message] } }) }, { status: 400 });
    }
  }
  const formId = `organisation-${String(formData.get("organisationId") ?? "")}`;
  const submission = parseWithZod(formData, { schema: renameOrganisationSchema });
  if (submission.status !== "success") return json<ActionResult>({ formId, result: submission.reply() }, { status: 400 });
  try {
    renameOrganisation(db, admin.id, submission.value.organisationId, submission.value.name);
  } catch (error) {
    if (error instanceof OrganisationExistsError) {
      return json<ActionResult>({ formId, result: submission.reply({ fieldErrors: { name: [error.message] } }) }, { status: 400 });
    }
    throw domainErrorResponse(error);
  }
  return redirect(`/admin/organisations?renamed=${submission.value.organisationId}`);
}

function CreateForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "create-organisation",
    lastResult,
    constraint: getZodConstraint(createOrganisationSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createOrganisationSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 max-w-xl rounded border border-slate-300 p-4">
      <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
      <input type="hidden" name="intent" value="create" />
      <TextField label="Organisation name" hint="For example: Northshire County Council" field={fields.name} />
      <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
        Create organisation
      </button>
    </Form>
  );
}

type OrganisationRow = { id: number; slug: string; name: string; members: number };

function RenameRow({ organisation, lastResult, notice }: { organisation: OrganisationRow; lastResult?: SubmissionResult<string[]>; notice: string | null }) {
  const [form, fields] = useForm({
    id: `organisation-${organisation.id}`,
    lastResult,
    defaultValue: { organisationId: String(organisation.id), name: organisation.name },
    constraint: getZodConstraint(renameOrganisationSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: renameOrganisationSchema }),
  });
  return (
    <tr className="border-b border-slate-200 align-top">
      <th scope="row" className="py-3 pr-4 text-left font-normal">
        <Link to={`/organisations/${organisation.slug}`} className="font-semibold link">
          {organisation.name}
        </Link>
        <span className="block text-slate-700">/organisations/{organisation.slug}</span>
      </th>
      <td className="py-3 pr-4">{organisation.members}</td>
      <td className="py-3">
        <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-start gap-2">
          <input type="hidden" name="intent" value="rename" />
          <input type="hidden" name={fields.organisationId.name} value={organisation.id} />
          <div>
            <label htmlFor={fields.name.id} className="sr-only">
              New name for {organisation.name}
            </label>
            <input
              {...getInputProps(fields.name, { type: "text" })}
              className={`w-72 max-w-full rounded border-2 px-2 py-1 ${fields.name.errors?.length ? "border-red-700" : "border-slate-700"}`}
            />
            <ErrorList id={fields.name.errorId} errors={fields.name.errors} />
          </div>
          <button type="submit" className="rounded border-2 border-slate-700 px-3 py-1 font-semibold hover:bg-slate-100">
            Rename<span className="sr-only"> {organisation.name}</span>
          </button>
        </Form>
        {notice ? (
          <p role="status" className="mt-1 text-sm font-semibold text-emerald-800">
            {notice}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

export default function AdminOrganisations() {
  const { organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const [searchParams] = useSearchParams();
  const created = searchParams.get("created");
  const renamed = searchParams.get("renamed");
  return (
    <div>
      <h1 className="text-3xl font-bold">Organisations</h1>
      <section aria-labelledby="create-heading" className="mt-6">
        <h2 id="create-heading" className="text-xl font-semibold">
          Add an organisation
        </h2>
        <CreateForm lastResult={actionData?.formId === "create-organisation" ? actionData.result : undefined} />
      </section>
      <section aria-labelledby="list-heading" className="mt-10">
        <h2 id="list-heading" className="text-xl font-semibold">
          {organisations.length} {organisations.length === 1 ? "organisation" : "organisations"}
        </h2>
        <p className="mt-1 max-w-3xl text-slate-700">
          Renaming changes the organisation's web address to match the new name. Assign people to organisations on the Users tab.
        </p>
        {organisations.length === 0 ? (
          <p className="mt-2 rounded bg-slate-50 p-4">There are no organisations yet. Add the first one above.</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <DataTable caption="Organisations with their members and a rename form" columns={["Organisation", "Members", "Rename"]} stacked={false}>
              {organisations.map((organisation) => (
                <RenameRow
                  key={organisation.id}
                  organisation={organisation}
                  lastResult={actionData?.formId === `organisation-${organisation.id}` ? actionData.result : undefined}
                  notice={
                    !actionData && created === String(organisation.id) ? "Created" : !actionData && renamed === String(organisation.id) ? "Renamed" : null
                  }
                />
              ))}
            </DataTable>
          </div>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

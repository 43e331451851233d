// Admin: every account, with its role and organisation; and the admin audit log.
import { getFormProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AuditTable, DataTable } from "../../components/data-table";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { useSchemaForm } from "../../components/form-hooks";
import { Section } from "../../components/section";
import { SubmitButton } from "../../components/submit-button";
import { ErrorList } from "../../components/forms";
import { Pagination } from "../../components/pagination";
import { roleLabels, userAccountSchema, userListSchema, USERS_PER_PAGE } from "../../domain/admin-forms";
import { formatDateTime } from "../../domain/broker-queue";
import { auditChangeRows } from "../../domain/review-display";
import { roles } from "../../domain/vocabulary";
import { listUsers, updateUserAccount } from "../../models/accounts.server";
import { listAdminAudit } from "../../models/audit.server";
import { listOrganisationOptions } from "../../models/organisations.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";
import { NotAllowedError, NotFoundError } from "../../models/errors.server";

export const meta: MetaFunction = () => [{ title: "Admin: users | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const { db } = getExchange();
  const url = new URL(request.url);
  const query = userListSchema.parse({ q: url.searchParams.get("q") ?? undefined, page: url.searchParams.get("page") ?? undefined });
  const list = listUsers(db, { q: query.q, page: query.page, perPage: USERS_PER_PAGE });
  return json(
    {
      adminId: admin.id,
      q: query.q ?? "",
      ...list,
      users: list.users.map((user) => ({ ...user, createdAt: formatDateTime(user.createdAt) })),
      organisations: listOrganisationOptions(db),
      audit: listAdminAudit(db, { limit: 30 }).map((entry) => ({
        id: entry.id,
        subject: entry.subjectName ?? `${entry.subjectType} ${entry.subjectId}`,
        action: entry.action,
        actor: entry.actorName ?? "(former user)",
        at: formatDateTime(entry.createdAt),
        changes: auditChangeRows(entry.before, entry.after),
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionResult = { formId: string; result: SubmissionResult<string[]> };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const formData = await request.formData();
  const formId = `user-${String(formData.get("userId") ?? "")}`;
  const submission = parseWithZod(formData, { schema: userAccountSchema });
  if (submission.status !== "success") return json<ActionResult>({ formId, result: submission.reply() }, { status: 400 });
  const { userId, role, organisationId } = submission.value;
  try {
    updateUserAccount(getExchange().db, admin.id, userId, { role, organisationId: organisationId ?? null });
  } catch (error) {
    if (error instanceof NotAllowedError || error instanceof NotFoundError) {
      return json<ActionResult>({ formId, result: submission.reply({ formErrors: [error.message] }) }, { status: 400 });
    }
    throw error;
  }
  const url = new URL(request.url);
  url.searchParams.delete("index");
  url.searchParams.set("saved", userId);
  return redirect(`/admin${url.search}`);
}

type UserRow = ReturnType<typeof useLoaderData<typeof loader>>["users"][number];

function UserForm({
  user,
  organisations,
  isSelf,
  lastResult,
  saved,
}: {
  user: UserRow;
  organisations: { id: number; name: string }[];
  isSelf: boolean;
  lastResult?: SubmissionResult<string[]>;
  saved: boolean;
}) {
  const [form, fields] = useSchemaForm(userAccountSchema, {
    id: `user-${user.id}`,
    lastResult,
    defaultValue: { userId: user.id, role: user.role, organisationId: user.organisationId ? String(user.organisationId) : "" },
  });
  return (
    <tr className="border-b border-slate-200 align-top">
      <th scope="row" className="py-3 pr-4 text-left font-normal">
        <span className="font-semibold">{user.displayName}</span>
        {isSelf ? " (you)" : ""}
        <span className="block text-slate-700">{user.email}</span>
        <span className="block text-slate-700">joined {user.createdAt}</span>
      </th>
      <td data-label="Role" className="py-3 pr-4">
        <label htmlFor={fields.role.id} className="sr-only">
          Role of {user.displayName}
        </label>
        <select {...getSelectProps(fields.role)} disabled={isSelf} className="rounded border-2 border-slate-700 bg-white px-2 py-1 disabled:bg-slate-100">
          {roles.map((role) => (
            <option key={role} value={role}>
              {roleLabels[role]}
            </option>
          ))}
        </select>
        {/* A disabled select is not submitted: keep the current role in the form. */}
        {isSelf ? <input type="hidden" name={fields.role.name} value={user.role} form={form.id} /> : null}
        <ErrorList id={fields.role.errorId} errors={fields.role.errors} />
      </td>
      <td data-label="Organisation" className="py-3 pr-4">
        <label htmlFor={fields.organisationId.id} className="sr-only">
          Organisation of {user.displayName}
        </label>
        <select {...getSelectProps(fields.organisationId)} className="max-w-full rounded border-2 border-slate-700 bg-white px-2 py-1 sm:max-w-64">
          <option value="">No organisation</option>
          {organisations.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </select>
        <ErrorList id={fields.organisationId.errorId} errors={fields.organisationId.errors} />
      </td>
      <td className="py-3">
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="update-user" />
          <input type="hidden" name={fields.userId.name} value={user.id} />
          <button type="submit" className="rounded border-2 border-slate-700 px-3 py-1 font-semibold hover:bg-slate-100">
            Save<span className="sr-only"> {user.displayName}</span>
          </button>
        </Form>
        <ErrorList id={form.errorId} errors={form.errors} />
        {saved ? (
          <p role="status" className="mt-1 text-sm font-semibold text-emerald-800">
            Saved
          </p>
        ) : null}
      </td>
    </tr>
  );
}

export default function AdminUsers() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const [searchParams] = useSearchParams();
  const saved = searchParams.get("saved");
  return (
    <div>
      <h1 className="text-3xl font-bold">Users</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Set each person's role and organisation. Brokers and admins are appointed here; you cannot change your own role. Every change is recorded below.
      </p>
      <Form method="get" action="/admin" className="mt-4 flex flex-wrap items-end gap-2" role="search">
        <div>
          <label htmlFor="q" className="block font-semibold">
            Find a user
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={data.q}
            maxLength={200}
            className="mt-1 w-72 max-w-full rounded border-2 border-slate-700 px-3 py-2"
          />
        </div>
        <SubmitButton>Search</SubmitButton>
      </Form>
      <Section
        id="users-heading"
        title={`${data.total} ${data.total === 1 ? "user" : "users"}${data.q ? ` matching “${data.q}”` : ""}`}
        className="mt-6"
        headingClassName="text-xl font-semibold"
      >
        {data.users.length === 0 ? (
          <p className="mt-2 rounded bg-slate-50 p-4">{data.q ? "No users match this search." : "There are no users yet."}</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <DataTable caption="Users with their role and organisation" columns={["User", "Role", "Organisation", { label: "Save", hidden: true }]}>
              {data.users.map((user) => (
                <UserForm
                  key={user.id}
                  user={user}
                  organisations={data.organisations}
                  isSelf={user.id === data.adminId}
                  lastResult={actionData?.formId === `user-${user.id}` ? actionData.result : undefined}
                  saved={saved === user.id && !actionData}
                />
              ))}
            </DataTable>
          </div>
        )}
        <Pagination page={data.page} totalPages={data.totalPages} />
      </Section>
      <Section id="audit-heading" title="Recent admin changes" className="mt-10" headingClassName="text-xl font-semibold">
        {data.audit.length === 0 ? (
          <p className="mt-2 rounded bg-slate-50 p-4">No changes have been made yet.</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <AuditTable
              caption="Changes to users and organisations, newest first"
              actionHeading="What"
              entries={data.audit.map((entry) => ({ ...entry, action: `${entry.action}: ${entry.subject}` }))}
            />
          </div>
        )}
      </Section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

// Account settings: how the user is told about notifications (immediately, a daily digest, or off).
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { useSchemaForm } from "../components/form-hooks";
import { SubmitButton } from "../components/submit-button";
import { PageHeading } from "../components/page-heading";
import { RadioGroup } from "../components/form-controls";
import { FormErrorSummary } from "../components/forms";
import { DIGEST_HOUR_UTC, notificationPreferenceLabels, preferenceSchema } from "../domain/notification-digest";
import { notificationPreferences } from "../domain/vocabulary";
import { getNotificationPreference, setNotificationPreference } from "../models/notifications.server";
import { getExchange } from "../utils/exchange.server";
import { requireUser } from "../utils/session.server";
import { Banner } from "../components/banner";

export const meta: MetaFunction = () => [{ title: "Account settings | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ preference: getNotificationPreference(getExchange().db, user.id), email: user.email }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: preferenceSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  setNotificationPreference(getExchange().db, user.id, submission.value.notificationPreference);
  return redirect("/account/settings?saved=1");
}

export default function AccountSettings() {
  const { preference, email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useSchemaForm(preferenceSchema, { id: "settings", lastResult, defaultValue: { notificationPreference: preference } });
  return (
    <div className="max-w-2xl">
      <PageHeading back={{ to: "/account", label: "Your account" }}>Account settings</PageHeading>
      {searchParams.get("saved") && !lastResult ? (
        <Banner tone="success">
          <p className="font-semibold">Your settings have been saved.</p>
        </Banner>
      ) : null}
      <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
      <Form method="post" {...getFormProps(form)} className="mt-6">
        <RadioGroup
          key={preference}
          legend="Email me about notifications"
          hint={`Emails go to ${email}. Daily digests are sent once a day, from ${String(DIGEST_HOUR_UTC).padStart(2, "0")}:00 UTC.`}
          field={fields.notificationPreference}
          options={notificationPreferences.map((value) => ({ value, ...notificationPreferenceLabels[value] }))}
        />
        <SubmitButton>Save settings</SubmitButton>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

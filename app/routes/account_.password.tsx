// Change of password: the current password first (a session left open on a shared computer is
// not enough), the same rules as sign-up, and every other session of the account ends.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { useSchemaForm } from "../components/form-hooks";
import { PageHeading } from "../components/page-heading";
import { SubmitButton } from "../components/submit-button";
import { FormErrorSummary, TextField } from "../components/forms";
import { newPasswordSchema, passwordHint, passwordMaxLength } from "../domain/password-policy";
import { describeSignInBlock, recordSignInFailure, signInBlocked } from "../models/sign-in-throttle.server";
import { setUserPassword, verifyUserPassword } from "../models/users.server";
import { getExchange } from "../utils/exchange.server";
import { clientAddress } from "../utils/load-context";
import { refuseCommonPassword } from "../utils/password-policy.server";
import { endAllSessions, requireUser, startSession } from "../utils/session.server";
import { Banner } from "../components/banner";

export const meta: MetaFunction = () => [{ title: "Change your password | Innovation Exchange" }];

const passwordChangeSchema = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password" })
      .min(1, "Enter your current password")
      .max(passwordMaxLength, `Password must be ${passwordMaxLength} characters or fewer`),
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: "Enter the new password again" }).max(passwordMaxLength, "Enter the new password again"),
  })
  .refine((values) => values.newPassword === values.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords do not match" });

const hidden = ["currentPassword", "newPassword", "confirmPassword"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json(null, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: passwordChangeSchema.superRefine(refuseCommonPassword("newPassword")) });
  if (submission.status !== "success") return json(submission.reply({ hideFields: hidden }), { status: 400 });
  const { db } = getExchange();
  // Wrong current passwords count as failed sign-ins: a stolen session cannot guess its way on.
  const attempt = { email: user.email, address: clientAddress(context) };
  const block = signInBlocked(db, attempt);
  if (block)
    return json(submission.reply({ formErrors: [describeSignInBlock(block)], hideFields: hidden }), {
      status: 429,
      headers: { "Retry-After": String(block.retryAfterSeconds) },
    });
  if (!(await verifyUserPassword(db, user.email, submission.value.currentPassword))) {
    recordSignInFailure(db, attempt);
    return json(submission.reply({ fieldErrors: { currentPassword: ["Your current password is not correct"] }, hideFields: hidden }), { status: 400 });
  }
  await setUserPassword(db, user.id, submission.value.newPassword);
  // Every session ends, this one too; this browser gets a new one.
  await endAllSessions(user.id);
  return redirect("/account/password?changed=1", { headers: await startSession(user.id) });
}

export default function ChangePassword() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useSchemaForm(passwordChangeSchema, { id: "change-password", lastResult });
  return (
    <div className="max-w-xl">
      <PageHeading back={{ to: "/account", label: "Your account" }}>Change your password</PageHeading>
      {searchParams.get("changed") && !lastResult ? (
        <Banner tone="success">
          <p className="font-semibold">Your password has been changed. You have been signed out everywhere else.</p>
        </Banner>
      ) : null}
      <p className="mt-2 mb-6 text-slate-700">Changing it signs you out on every other device and browser.</p>
      <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
      <Form method="post" {...getFormProps(form)}>
        <TextField label="Current password" field={fields.currentPassword} type="password" autoComplete="current-password" />
        <TextField label="New password" hint={passwordHint} field={fields.newPassword} type="password" autoComplete="new-password" />
        <TextField label="New password again" field={fields.confirmPassword} type="password" autoComplete="new-password" />
        <SubmitButton>Change password</SubmitButton>
      </Form>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrorSummary, TextField } from "../components/forms";
import { clearAccountFailures, describeSignInBlock, recordSignInFailure, signInBlocked } from "../models/sign-in-throttle.server";
import { verifyUserPassword } from "../models/users.server";
import { getExchange } from "../utils/exchange.server";
import { clientAddress } from "../utils/load-context";
import { safeRedirect } from "../utils/safe-redirect";
import { getOptionalUser, startSession } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Sign in | Innovation Exchange" }];

const signinSchema = z.object({
  email: z.email({ error: "Enter your email address, like name@example.org" }).max(254),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(128, "Password must be 128 characters or fewer"),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/account");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: signinSchema });
  if (submission.status !== "success") return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const { db } = getExchange();
  const attempt = { email: submission.value.email, address: clientAddress(context) };
  const block = signInBlocked(db, attempt);
  if (block) {
    return json(submission.reply({ formErrors: [describeSignInBlock(block)], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(block.retryAfterSeconds) },
    });
  }
  const user = await verifyUserPassword(db, submission.value.email, submission.value.password);
  if (!user) {
    recordSignInFailure(db, attempt);
    return json(submission.reply({ formErrors: ["The email address or password is not correct"], hideFields: ["password"] }), { status: 400 });
  }
  clearAccountFailures(db, user.email);
  return redirect(safeRedirect(submission.value.redirectTo, "/account"), { headers: await startSession(user.id, request) });
}

export default function Signin() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "signin",
    lastResult,
    constraint: getZodConstraint(signinSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signinSchema }),
  });
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold">Sign in</h1>
      <p className="mt-2 mb-6 text-slate-700">
        New here?{" "}
        <Link to="/signup" className="link">
          Create an account
        </Link>
      </p>
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField label="Email address" field={fields.email} type="email" autoComplete="email" />
        <TextField label="Password" field={fields.password} type="password" autoComplete="current-password" />
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Sign in
        </button>
      </Form>
    </div>
  );
}

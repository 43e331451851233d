import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { ErrorList, FormErrorSummary, TextField } from "../components/forms";
import { newPasswordSchema, passwordHint } from "../domain/password-policy";
import { selfServiceRoles } from "../domain/vocabulary";
import { createUser, EmailTakenError } from "../models/users.server";
import { getExchange } from "../utils/exchange.server";
import { refuseCommonPassword } from "../utils/password-policy.server";
import { getOptionalUser, startSession } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Create an account | Innovation Exchange" }];

const signupSchema = z.object({
  displayName: z.string({ error: "Enter your name" }).trim().min(1, "Enter your name").max(100, "Name must be 100 characters or fewer"),
  email: z.email({ error: "Enter an email address in the correct format, like name@example.org" }).max(254),
  password: newPasswordSchema,
  role: z.enum(selfServiceRoles, { error: "Choose whether you publish ideas or commission services" }),
  organisation: z.string().trim().max(200, "Organisation must be 200 characters or fewer").optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/account");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: signupSchema.superRefine(refuseCommonPassword("password")) });
  if (submission.status !== "success") return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const { displayName, email, password, role, organisation } = submission.value;
  try {
    const user = await createUser(getExchange().db, { displayName, email, password, role, organisationName: organisation });
    return redirect("/account", { headers: await startSession(user.id, request) });
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return json(
        submission.reply({ fieldErrors: { email: ["An account with this email address already exists: sign in instead"] }, hideFields: ["password"] }),
        {
          status: 400,
        },
      );
    }
    throw error;
  }
}

export default function Signup() {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "signup",
    lastResult,
    constraint: getZodConstraint(signupSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
  });
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold">Create an account</h1>
      <p className="mt-2 mb-6 text-slate-700">
        Already have one?{" "}
        <Link to="/signin" className="link">
          Sign in
        </Link>
      </p>
      <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
      <Form method="post" {...getFormProps(form)}>
        <TextField label="Your name" field={fields.displayName} autoComplete="name" />
        <TextField label="Email address" field={fields.email} type="email" autoComplete="email" />
        <TextField label="Password" hint={passwordHint} field={fields.password} type="password" autoComplete="new-password" />
        <fieldset id={fields.role.id} className="mb-5" aria-describedby={fields.role.errors?.length ? fields.role.errorId : undefined}>
          <legend className="font-semibold">How will you use the exchange?</legend>
          <ErrorList id={fields.role.errorId} errors={fields.role.errors} />
          {[
            { value: "innovator", label: "I publish ideas and case studies (innovator)" },
            { value: "commissioner", label: "I commission services and post needs (commissioner)" },
          ].map((option) => (
            <div key={option.value} className="mt-2 flex items-center gap-2">
              <input
                id={`role-${option.value}`}
                type="radio"
                name={fields.role.name}
                value={option.value}
                defaultChecked={fields.role.initialValue === option.value}
                className="size-5"
              />
              <label htmlFor={`role-${option.value}`}>{option.label}</label>
            </div>
          ))}
        </fieldset>
        <TextField label="Organisation (optional)" field={fields.organisation} autoComplete="organization" />
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Create account
        </button>
      </Form>
    </div>
  );
}

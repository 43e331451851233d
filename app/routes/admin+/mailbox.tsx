// Admin: the dev mailbox. Every email the exchange has queued, newest first. Without
// SMTP_URL nothing is sent, and this page is where the emails can be read.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { Badge } from "../../components/tags";
import { formatDateTime } from "../../domain/broker-queue";
import { listMailbox, MAX_EMAIL_ATTEMPTS, pendingEmailCount } from "../../models/email-sender.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Admin: mailbox | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const { db, env } = getExchange();
  const emails = listMailbox(db, { limit: 100 }).map((email) => ({
    id: email.id,
    to: email.toAddress,
    subject: email.subject,
    body: email.body,
    kind: email.kind,
    queuedAt: formatDateTime(email.createdAt),
    sentAt: email.sentAt ? formatDateTime(email.sentAt) : null,
    attempts: email.attempts,
    lastError: email.lastError,
  }));
  return json(
    { emails, pending: pendingEmailCount(db), smtp: Boolean(env.SMTP_URL), maxAttempts: MAX_EMAIL_ATTEMPTS },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function Mailbox() {
  const { emails, pending, smtp, maxAttempts } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-4xl">
      <h1 className="text-3xl font-bold">Mailbox</h1>
      <p className="mt-2 text-slate-700">
        {smtp
          ? `SMTP is configured: emails are sent within a minute of being queued, with up to ${maxAttempts} attempts. ${pending} not sent yet.`
          : `SMTP_URL is not set, so no email leaves the exchange: ${pending} ${pending === 1 ? "email is" : "emails are"} kept here instead.`}
      </p>
      {emails.length === 0 ? (
        <p className="mt-6 rounded bg-slate-50 p-4">No emails have been queued yet. They appear when notifications are sent to people who chose email.</p>
      ) : (
        <ol className="mt-6 space-y-4">
          {emails.map((email) => (
            <li key={email.id} className="rounded border border-slate-300 p-4">
              <h2 className="font-semibold">{email.subject}</h2>
              <p className="text-sm">
                To {email.to} · {email.kind === "digest" ? "daily digest" : "immediate"} · queued {email.queuedAt} ·{" "}
                {email.sentAt ? <Badge tone="green">sent {email.sentAt}</Badge> : <Badge tone="amber">not sent</Badge>}
              </p>
              {email.lastError ? (
                <p className="mt-1 text-sm font-semibold text-red-800">
                  Last error after {email.attempts} {email.attempts === 1 ? "attempt" : "attempts"}: {email.lastError}
                </p>
              ) : null}
              <details className="mt-2">
                <summary className="cursor-pointer link">Read the email</summary>
                <pre className="mt-2 whitespace-pre-wrap rounded bg-slate-50 p-3 font-sans text-sm">{email.body}</pre>
              </details>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

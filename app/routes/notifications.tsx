// The signed-in user's notifications, newest first, with "mark all as read".
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { formatDateTime } from "../domain/broker-queue";
import { notificationPreferenceLabels } from "../domain/notification-digest";
import { getNotificationPreference, listNotifications, markAllNotificationsRead } from "../models/notifications.server";
import { getExchange } from "../utils/exchange.server";
import { safeRedirect } from "../utils/safe-redirect";
import { requireUser } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Notifications | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db } = getExchange();
  const notifications = listNotifications(db, user.id, 100).map((notification) => ({
    id: notification.id,
    title: notification.title,
    body: notification.body,
    // Links are written by our own code, but only site paths are followed from here.
    link: notification.link ? safeRedirect(notification.link, "") || null : null,
    at: formatDateTime(notification.createdAt),
    unread: notification.readAt === null,
  }));
  return json({ notifications, preference: getNotificationPreference(db, user.id) }, { headers: { "Cache-Control": "private, no-store" } });
}

/** The page's one button. */
const notificationsActionSchema = z.object({ intent: z.literal("mark-all-read") });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: notificationsActionSchema });
  if (submission.status !== "success") throw new Response("That request was not understood.", { status: 400 });
  markAllNotificationsRead(getExchange().db, user.id);
  return redirect("/notifications");
}

export default function Notifications() {
  const { notifications, preference } = useLoaderData<typeof loader>();
  const unread = notifications.filter((notification) => notification.unread).length;
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold">Notifications</h1>
      <p className="mt-2 text-slate-700">
        {unread ? `${unread} unread.` : "Nothing unread."} Email: {notificationPreferenceLabels[preference].label.toLowerCase()}.{" "}
        <Link to="/account/settings" className="link">
          Change how you are told
        </Link>
      </p>
      {unread ? (
        <Form method="post" className="mt-4">
          <button type="submit" name="intent" value="mark-all-read" className="rounded border-2 border-slate-700 px-4 py-2 font-semibold hover:bg-slate-100">
            Mark all as read
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? (
        <div className="mt-6 rounded bg-slate-50 p-4">
          <p>You have no notifications yet. You will be told here when a broker decides on something you submitted.</p>
        </div>
      ) : (
        <ol className="mt-6 space-y-3">
          {notifications.map((notification) => (
            <li key={notification.id} className={`rounded border p-4 ${notification.unread ? "border-l-4 border-brand-700 bg-sky-50" : "border-slate-300"}`}>
              <h2 className="font-semibold">
                {notification.unread ? <span className="sr-only">Unread: </span> : null}
                {notification.link ? (
                  <Link to={notification.link} className="link">
                    {notification.title}
                  </Link>
                ) : (
                  notification.title
                )}
              </h2>
              {notification.body ? <p className="mt-1 whitespace-pre-line">{notification.body}</p> : null}
              <p className="mt-1 text-sm text-slate-700">
                {notification.at}
                {notification.unread ? " · unread" : ""}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

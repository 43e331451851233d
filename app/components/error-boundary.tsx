import { isRouteErrorResponse, useParams, useRouteError, type Params } from "@remix-run/react";
import type { ReactNode } from "react";
import { LinkParagraph } from "./link-paragraph";

type ErrorResponse = { status: number; statusText: string; data: unknown };

/** What a route shows for one status of a thrown response, in place of the general page. */
export type StatusHandler = (info: { error: ErrorResponse; params: Params }) => ReactNode;

const titles: Record<number, string> = {
  400: "There is a problem with the request",
  403: "You do not have access to this page",
  404: "Page not found",
  503: "Service temporarily unavailable",
};

/** The error page: its title by status, the response's own message, and a way home. */
export function ErrorPage({ status, detail }: { status: number; detail: string | null }) {
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">{titles[status] ?? "Sorry, something went wrong"}</h1>
      {detail ? <p className="mt-4 text-lg">{detail}</p> : null}
      {status === 404 && !detail ? <p className="mt-4 text-lg">If you typed the web address, check it is correct.</p> : null}
      {status >= 500 ? <p className="mt-4 text-lg">Please try again later. Nothing you saved has been lost.</p> : null}
      <LinkParagraph to="/" className="mt-6">
        Go to the home page
      </LinkParagraph>
    </div>
  );
}

const defaultStatusHandler: StatusHandler = ({ error }) => <ErrorPage status={error.status} detail={typeof error.data === "string" ? error.data : null} />;

/**
 * Every route's error boundary (after the Epic Stack's): a thrown response is shown by the
 * route's handler for its status when it has one, otherwise by the general error page; any
 * other error is a 500.
 */
export function GeneralErrorBoundary({ statusHandlers = {} }: { statusHandlers?: Partial<Record<number, StatusHandler>> }) {
  const error = useRouteError();
  const params = useParams();
  if (!isRouteErrorResponse(error)) return <ErrorPage status={500} detail={null} />;
  return (statusHandlers[error.status] ?? defaultStatusHandler)({ error, params });
}

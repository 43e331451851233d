import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const titles: Record<number, string> = {
  400: "There is a problem with the request",
  403: "You do not have access to this page",
  404: "Page not found",
  503: "Service temporarily unavailable",
};

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : null;
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">{titles[status] ?? "Sorry, something went wrong"}</h1>
      {detail ? <p className="mt-4 text-lg">{detail}</p> : null}
      {status === 404 && !detail ? <p className="mt-4 text-lg">If you typed the web address, check it is correct.</p> : null}
      {status >= 500 ? <p className="mt-4 text-lg">Please try again later. Nothing you saved has been lost.</p> : null}
      <p className="mt-6">
        <Link to="/" className="link">
          Go to the home page
        </Link>
      </p>
    </div>
  );
}

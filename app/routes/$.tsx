// Every address no other route matches. Without it Remix answers "no route matches" before the
// root loader runs, so the not-found page had no signed-in header; here the root loader runs
// and this route's own loader says 404, shown by the error boundary inside the layout.
import type { MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "../components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Page not found | Innovation Exchange" }];

function notFound(): never {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export function loader() {
  notFound();
}

export function action() {
  notFound();
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = GeneralErrorBoundary;

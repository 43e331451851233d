import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import stylesheet from "./styles/app.css";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { unreadNotificationCount } from "./models/notifications.server";
import { getExchange } from "./utils/exchange.server";
import { useNonce } from "./utils/nonce";
import { getSessionUser } from "./utils/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, headers } = await getSessionUser(request);
  return json(
    {
      user: user ? { displayName: user.displayName, role: user.role, email: user.email } : null,
      unreadNotifications: user ? unreadNotificationCount(getExchange().db, user.id) : 0,
    },
    { headers },
  );
}

/** The main navigation everyone sees, before the links of their role. */
const publicNav: { to: string; label: string; end?: boolean }[] = [
  { to: "/ideas", label: "Ideas" },
  { to: "/needs", label: "Needs" },
  { to: "/insights", label: "Insights", end: true },
  { to: "/network", label: "Network" },
  { to: "/data", label: "Open data" },
];

function navClass({ isActive }: { isActive: boolean }) {
  return `rounded px-2 py-1 underline-offset-4 hover:underline ${isActive ? "font-semibold underline" : ""}`;
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user ?? null;
  const unread = data?.unreadNotifications ?? 0;
  return (
    <html lang="en-GB" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col bg-white text-slate-900">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-yellow-300 focus:px-3 focus:py-2 focus:text-black"
        >
          Skip to main content
        </a>
        <header className="bg-brand-800 text-white">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
            <Link to="/" className="text-lg font-bold tracking-tight">
              Innovation Exchange
            </Link>
            <nav aria-label="Main">
              <ul className="flex flex-wrap items-center gap-2 text-sm">
                {publicNav.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.end} className={navClass}>
                      {item.label}
                    </NavLink>
                  </li>
                ))}
                {user?.role === "innovator" ? (
                  <li>
                    <NavLink to="/my/ideas" className={navClass}>
                      Your ideas
                    </NavLink>
                  </li>
                ) : null}
                {user?.role === "commissioner" ? (
                  <li>
                    <NavLink to="/my/needs" className={navClass}>
                      Your needs
                    </NavLink>
                  </li>
                ) : null}
                {user?.role === "innovator" || user?.role === "commissioner" ? (
                  <li>
                    <NavLink to="/my/matches" className={navClass}>
                      Your matches
                    </NavLink>
                  </li>
                ) : null}
                {user?.role === "broker" || user?.role === "admin" ? (
                  <li>
                    <NavLink to="/broker" end className={navClass}>
                      Review queue
                    </NavLink>
                  </li>
                ) : null}
                {user?.role === "broker" || user?.role === "admin" ? (
                  <li>
                    <NavLink to="/broker/matches" className={navClass}>
                      Match queue
                    </NavLink>
                  </li>
                ) : null}
                {user?.role === "admin" ? (
                  <li>
                    <NavLink to="/admin" className={navClass}>
                      Admin
                    </NavLink>
                  </li>
                ) : null}
                {user ? (
                  <>
                    <li>
                      <NavLink to="/notifications" className={navClass}>
                        Notifications
                        {unread ? (
                          <span className="ml-1 rounded-full bg-yellow-300 px-2 py-0.5 text-xs font-bold text-black">
                            {unread}
                            <span className="sr-only"> unread</span>
                          </span>
                        ) : null}
                      </NavLink>
                    </li>
                    <li>
                      <NavLink to="/alerts" className={navClass}>
                        Alerts
                      </NavLink>
                    </li>
                    <li>
                      <NavLink to="/account" className={navClass}>
                        {user.displayName} <span className="opacity-80">({user.role})</span>
                      </NavLink>
                    </li>
                    <li>
                      <Form method="post" action="/signout">
                        <button type="submit" className="rounded border border-white/70 px-2 py-1 hover:bg-white/10">
                          Sign out
                        </button>
                      </Form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <NavLink to="/signin" className={navClass}>
                        Sign in
                      </NavLink>
                    </li>
                    <li>
                      <NavLink to="/signup" className={navClass}>
                        Create an account
                      </NavLink>
                    </li>
                  </>
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none">
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-slate-50 text-sm text-slate-700">
          <div className="mx-auto flex max-w-6xl flex-wrap gap-4 px-4 py-6">
            <p>An open exchange of public-service innovations: what worked, where, and how it spread.</p>
            <nav aria-label="About the exchange">
              <ul className="flex flex-wrap gap-4">
                <li>
                  <Link to="/insights" className="underline">
                    Insights
                  </Link>
                </li>
                <li>
                  <Link to="/network" className="underline">
                    Adopter network
                  </Link>
                </li>
                <li>
                  <Link to="/data" className="underline">
                    Open data and API
                  </Link>
                </li>
                <li>
                  <Link to="/api/ideas" className="underline">
                    JSON API
                  </Link>
                </li>
                <li>
                  <Link to="/accessibility" className="underline">
                    Accessibility
                  </Link>
                </li>
              </ul>
            </nav>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

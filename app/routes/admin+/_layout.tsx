// The admin area's frame: its own navigation around the page. Each child route checks the
// admin role itself as well: a layout is not a security boundary.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { TabNav } from "../../components/tab-nav";
import { requireRole } from "../../utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  return json(null, { headers: { "Cache-Control": "private, no-store" } });
}

const sections = [
  { to: "/admin", label: "Users" },
  { to: "/admin/organisations", label: "Organisations" },
  { to: "/admin/mailbox", label: "Mailbox" },
];

export default function AdminLayout() {
  const { pathname } = useLocation();
  const current = (to: string) => (to === "/admin" ? pathname === "/admin" || pathname === "/admin/" : pathname.startsWith(to));
  return (
    <div>
      <TabNav label="Admin" className="mb-6" tabs={sections.map((section) => ({ ...section, current: current(section.to) }))} />
      <Outlet />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;

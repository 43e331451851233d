// The admin area's frame: its own navigation around the page. Each child route checks the
// admin role itself as well: a layout is not a security boundary.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { requireRole } from "../utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  return json(null, { headers: { "Cache-Control": "private, no-store" } });
}

const tabClass = ({ isActive }: { isActive: boolean }) =>
  `inline-block rounded-t border-2 border-b-0 px-4 py-2 ${isActive ? "border-slate-700 bg-white font-semibold" : "border-transparent text-brand-700 underline"}`;

export default function AdminLayout() {
  return (
    <div>
      <nav aria-label="Admin" className="mb-6 border-b-2 border-slate-700">
        <ul className="flex flex-wrap gap-1">
          <li>
            <NavLink to="/admin" end className={tabClass}>
              Users
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/organisations" className={tabClass}>
              Organisations
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/mailbox" className={tabClass}>
              Mailbox
            </NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

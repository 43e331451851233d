import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export type Tab = { to: string; label: ReactNode; current: boolean };

/**
 * Views of one page (or pages of one area) as tabs: links, the current one marked for screen
 * readers. On a phone they stack as a list with a bar beside the current one (as GOV.UK's tabs
 * do), rather than wrapping into a ragged row under a lone tab.
 */
export function TabNav({ label, tabs, className = "mt-6" }: { label: string; tabs: Tab[]; className?: string }) {
  return (
    <nav aria-label={label} className={className}>
      <ul className="flex flex-col gap-1 sm:flex-row sm:flex-wrap sm:gap-2 sm:border-b-2 sm:border-slate-300">
        {tabs.map((tab) => (
          <li key={tab.to}>
            <Link
              to={tab.to}
              aria-current={tab.current ? "page" : undefined}
              className={`block border-l-4 px-3 py-1 sm:-mb-0.5 sm:inline-block sm:rounded-t sm:border-2 sm:px-4 sm:py-2 ${tab.current ? "border-brand-700 font-semibold sm:border-slate-300 sm:border-b-white sm:bg-white" : "border-transparent text-brand-700 underline"}`}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

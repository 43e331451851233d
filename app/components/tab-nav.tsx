import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export type Tab = { to: string; label: ReactNode; current: boolean };

/** Views of one page (or pages of one area) as tabs: links, the current one marked for screen readers. */
export function TabNav({ label, tabs, className = "mt-6" }: { label: string; tabs: Tab[]; className?: string }) {
  return (
    <nav aria-label={label} className={className}>
      <ul className="flex flex-wrap gap-2 border-b-2 border-slate-300">
        {tabs.map((tab) => (
          <li key={tab.to}>
            <Link
              to={tab.to}
              aria-current={tab.current ? "page" : undefined}
              className={`-mb-0.5 inline-block rounded-t border-2 px-4 py-2 ${tab.current ? "border-slate-300 border-b-white bg-white font-semibold" : "border-transparent text-brand-700 underline"}`}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import { Link, useLocation } from "@remix-run/react";

/**
 * The page numbers to link, GOV.UK style: the first and the last page always, the current page
 * with one each side, and a gap (null) where pages are left out: 1 … 4 5 6 … 12.
 */
export function pageWindow(page: number, totalPages: number): (number | null)[] {
  const pages = [...new Set([1, page - 1, page, page + 1, totalPages])].filter((n) => n >= 1 && n <= totalPages).sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of pages) {
    const previous = out[out.length - 1];
    if (typeof previous === "number" && n - previous === 2) out.push(previous + 1);
    else if (typeof previous === "number" && n - previous > 2) out.push(null);
    out.push(n);
  }
  return out;
}

export function Pagination({ page, totalPages }: { page: number; totalPages: number }) {
  const location = useLocation();
  if (totalPages <= 1) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    if (target === 1) params.delete("page");
    else params.set("page", String(target));
    const query = params.toString();
    return `${location.pathname}${query ? `?${query}` : ""}`;
  };
  const window = pageWindow(page, totalPages);
  const linkClass = "inline-block min-w-10 rounded border border-slate-400 px-3 py-2 text-center hover:bg-slate-100";
  return (
    <nav aria-label="Pagination" className="mt-8">
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 ? (
          <li>
            <Link to={hrefFor(page - 1)} className={linkClass} rel="prev">
              Previous<span className="sr-only"> page</span>
            </Link>
          </li>
        ) : null}
        {window.map((n, index) => (
          <li key={n === null ? `gap-${index}` : n}>
            {n === null ? (
              <span className="inline-block px-1 text-slate-700" aria-hidden="true">
                …
              </span>
            ) : n === page ? (
              <span aria-current="page" className={`${linkClass} border-brand-700 bg-brand-700 font-semibold text-white`}>
                <span className="sr-only">Page </span>
                {n}
              </span>
            ) : (
              <Link to={hrefFor(n)} className={linkClass}>
                <span className="sr-only">Page </span>
                {n}
              </Link>
            )}
          </li>
        ))}
        {page < totalPages ? (
          <li>
            <Link to={hrefFor(page + 1)} className={linkClass} rel="next">
              Next<span className="sr-only"> page</span>
            </Link>
          </li>
        ) : null}
      </ul>
      <p className="mt-2 text-sm text-slate-700">
        Page {page} of {totalPages}
      </p>
    </nav>
  );
}

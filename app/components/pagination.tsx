import { Link, useLocation } from "@remix-run/react";

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
  const window = [page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= totalPages);
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
        {window.map((n) => (
          <li key={n}>
            {n === page ? (
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

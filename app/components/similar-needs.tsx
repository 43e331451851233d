// "Similar open needs elsewhere" on a need's page.
import { Link } from "@remix-run/react";
import { sectorLabels, type Sector } from "../domain/vocabulary";

export function SimilarNeedsSection({
  needs,
  degraded,
}: {
  needs: { slug: string; title: string; locality: string | null; country: string | null; sectors: string[] }[];
  degraded: boolean;
}) {
  return (
    <section className="mt-8" aria-labelledby="similar-needs">
      <h2 id="similar-needs" className="text-xl font-semibold">
        Similar open needs elsewhere
      </h2>
      {degraded ? <p className="mt-1 text-sm text-slate-700">Search is in reduced mode: these share a sector with this need.</p> : null}
      {needs.length === 0 ? (
        <p className="mt-2 text-slate-700">No other open need is like this one yet.</p>
      ) : (
        <ul className="mt-2 max-w-3xl space-y-2">
          {needs.map((need) => (
            <li key={need.slug}>
              <Link to={`/needs/${need.slug}`} className="font-semibold link">
                {need.title}
              </Link>
              <span className="block text-sm text-slate-700">
                {[need.locality, need.country].filter(Boolean).join(", ") || "Place not given"}
                {need.sectors.length ? ` · ${need.sectors.map((sector) => sectorLabels[sector as Sector] ?? sector).join(", ")}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

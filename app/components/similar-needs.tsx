// "Similar open needs elsewhere" on a need's page.
import { Link } from "@remix-run/react";
import { sectorNames } from "../domain/sector-names";
import { ListOrEmpty } from "./list-or-empty";
import { Section } from "./section";

export function SimilarNeedsSection({
  needs,
  degraded,
}: {
  needs: { slug: string; title: string; locality: string | null; country: string | null; sectors: string[] }[];
  degraded: boolean;
}) {
  return (
    <Section id="similar-needs" title="Similar open needs elsewhere" className="mt-8" headingClassName="text-xl font-semibold">
      {degraded ? <p className="mt-1 text-sm text-slate-700">Search is in reduced mode: these share a sector with this need.</p> : null}
      <ListOrEmpty items={needs} className="mt-2 max-w-3xl space-y-2" empty={<p className="mt-2 text-slate-700">No other open need is like this one yet.</p>}>
        {(need) => (
          <li key={need.slug}>
            <Link to={`/needs/${need.slug}`} className="font-semibold link">
              {need.title}
            </Link>
            <span className="block text-sm text-slate-700">
              {[need.locality, need.country].filter(Boolean).join(", ") || "Place not given"}
              {need.sectors.length ? ` · ${sectorNames(need.sectors)}` : ""}
            </span>
          </li>
        )}
      </ListOrEmpty>
    </Section>
  );
}

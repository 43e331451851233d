// "Who else is trying this?" on an idea's page: places and organisations that adopted,
// piloted or stopped it, grouped by stage.
import { Link } from "@remix-run/react";
import { organisationPath } from "../domain/case-studies";
import { placeSlug } from "../domain/places";
import { adopterName, adopterStageLabels, adopterStages, type Adopter, type AdopterStage } from "../domain/who-else";

export function WhoElseSection({ adopters }: { adopters: Record<AdopterStage, Adopter[]> }) {
  const total = adopterStages.reduce((sum, stage) => sum + adopters[stage].length, 0);
  return (
    <section className="mt-8" aria-labelledby="who-else">
      <h2 id="who-else" className="text-2xl font-semibold">
        Who else is trying this?
      </h2>
      {total === 0 ? (
        <p className="mt-2 text-slate-700">No other place has recorded adopting or piloting this idea on the exchange yet.</p>
      ) : (
        <div className="mt-3 grid max-w-5xl gap-6 md:grid-cols-3">
          {adopterStages.map((stage) => (
            <div key={stage}>
              <h3 className="font-semibold">
                {adopterStageLabels[stage]} ({adopters[stage].length})
              </h3>
              {adopters[stage].length === 0 ? (
                <p className="mt-1 text-sm text-slate-700">None recorded.</p>
              ) : (
                <ul className="mt-1 space-y-1">
                  {adopters[stage].map((adopter) => (
                    <li key={`${adopter.locality}|${adopter.country}|${adopter.organisation}`}>
                      {/* Case-study places have place pages; a match's locality may not. */}
                      {adopter.locality && adopter.source === "case-study" ? (
                        <Link to={`/places/${placeSlug(adopter.locality, adopter.country)}`} className="link">
                          {adopterName({ ...adopter, organisation: null })}
                        </Link>
                      ) : (
                        adopterName({ ...adopter, organisation: null })
                      )}
                      {/* The adopting organisation (a need's registered organisation) links to its profile. */}
                      {adopter.organisation && adopter.organisation.toLowerCase() !== adopter.locality?.toLowerCase() ? (
                        <>
                          {adopter.locality ? " (" : null}
                          <Link to={organisationPath(adopter.organisation)} className="link">
                            {adopter.organisation}
                          </Link>
                          {adopter.locality ? ")" : null}
                        </>
                      ) : null}
                      {adopter.year ? <span className="text-sm text-slate-700"> · {adopter.year}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

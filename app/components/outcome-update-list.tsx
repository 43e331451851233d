// The dated outcome updates of a living case study, oldest first: on the idea page and on the
// case study's own page.
import type { OutcomeUpdateView } from "../models/case-studies.server";

export function OutcomeUpdateList({
  updates,
  spacing = "space-y-2",
  className = "mt-1",
}: {
  updates: readonly OutcomeUpdateView[];
  spacing?: string;
  className?: string;
}) {
  return (
    <ol className={`${className} ${spacing} border-l-2 border-slate-300 pl-3`}>
      {updates.map((update) => (
        <li key={update.id}>
          <p className="text-sm font-semibold text-slate-700">
            {update.label}
            {update.at && update.on ? (
              <>
                {" · "}
                <time dateTime={update.at}>{update.on}</time>
              </>
            ) : null}
          </p>
          <p className="whitespace-pre-line">{update.outcomes}</p>
        </li>
      ))}
    </ol>
  );
}

// An idea's history on its public page: each published revision, and for each field it changed
// the passage before and after, the changed words marked.
import type { ReactNode } from "react";
import type { RevisionChangeView } from "../domain/idea-revisions";
import { Section } from "./section";

type RevisionView = { id: number; at: string; by: string | null; changes: RevisionChangeView[] };

function Passage({ heading, text, mark }: { heading: string; text: RevisionChangeView["before"]; mark: (changed: string) => ReactNode }) {
  return (
    <div className="rounded bg-slate-50 p-2">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-700">{heading}</p>
      <p className="whitespace-pre-line break-words">
        {text.lead}
        {text.changed ? mark(text.changed) : null}
        {text.trail}
      </p>
    </div>
  );
}

export function IdeaHistory({ revisions }: { revisions: RevisionView[] }) {
  if (!revisions.length) return null;
  return (
    <Section id="history-heading" title="History" className="mt-8" headingClassName="text-xl font-semibold">
      <p className="mt-1 max-w-3xl text-sm text-slate-700">Every change made to this idea since it was published, newest first.</p>
      <ol className="mt-3 max-w-3xl space-y-2">
        {revisions.map((revision) => (
          <li key={revision.id}>
            <details className="rounded border border-slate-300 p-3">
              <summary className="cursor-pointer">
                <time dateTime={revision.at}>
                  {new Date(revision.at).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })}
                </time>
                {revision.by ? ` by ${revision.by}` : ""}: changed {revision.changes.map((change) => change.label).join(", ")}
              </summary>
              <dl className="mt-3 space-y-4 text-sm">
                {revision.changes.map((change) => (
                  <div key={change.field}>
                    <dt className="font-semibold">
                      {change.label}
                      {change.excerpt ? <span className="font-normal text-slate-700"> (the passage that changed)</span> : null}
                    </dt>
                    <dd className="mt-1 grid gap-2 md:grid-cols-2">
                      <Passage heading="Before" text={change.before} mark={(changed) => <del className="bg-red-100">{changed}</del>} />
                      <Passage heading="After" text={change.after} mark={(changed) => <ins className="bg-green-100 no-underline">{changed}</ins>} />
                    </dd>
                  </div>
                ))}
              </dl>
            </details>
          </li>
        ))}
      </ol>
    </Section>
  );
}

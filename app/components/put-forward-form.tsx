// "Put forward one of your ideas" on a need's page: a signed-in innovator proposes one of their
// published ideas for the open need. A broker looks at it before the commissioner is asked.
import { Form, useNavigation } from "@remix-run/react";
import { ErrorList } from "./forms";
import { Banner } from "./banner";

export type PutForwardProps = {
  needSlug: string;
  ideas: { slug: string; title: string; matched: boolean }[];
  /** The idea just put forward (after the redirect). */
  done: { title: string } | null;
  result?: { errors: { idea?: string; note?: string; form?: string }; values: { idea: string; note: string } } | null;
};

export function PutForwardForm({ needSlug, ideas, done, result }: PutForwardProps) {
  const busy = useNavigation().state === "submitting";
  const available = ideas.filter((idea) => !idea.matched);
  const errors = result?.errors ?? {};
  return (
    <section aria-labelledby="put-forward-heading" className="mt-8 max-w-3xl rounded border border-slate-300 bg-slate-50 p-4">
      <h2 id="put-forward-heading" className="text-xl font-semibold">
        Put forward one of your ideas
      </h2>
      {done ? (
        <Banner tone="success" as="p" className="mt-2 p-3">
          You put “{done.title}” forward for this need. A broker will look at it first; you will be told when they confirm it.
        </Banner>
      ) : null}
      {errors.form ? (
        <Banner tone="error" as="p" className="mt-2 p-3">
          {errors.form}
        </Banner>
      ) : null}
      {available.length === 0 ? (
        <p className="mt-2">Each of your published ideas is already being considered for this need.</p>
      ) : (
        <Form method="post" action={`/needs/${needSlug}`} className="mt-3" noValidate>
          <input type="hidden" name="intent" value="put-forward" />
          <div className="mb-4">
            <label htmlFor="put-forward-idea" className="block font-semibold">
              Your idea
            </label>
            <ErrorList id="put-forward-idea-error" errors={errors.idea ? [errors.idea] : null} />
            <select
              id="put-forward-idea"
              name="idea"
              defaultValue={result?.values.idea ?? (available.length === 1 ? available[0].slug : "")}
              aria-invalid={errors.idea ? true : undefined}
              aria-describedby={errors.idea ? "put-forward-idea-error" : undefined}
              className={`mt-1 max-w-full rounded border-2 bg-white px-3 py-2 ${errors.idea ? "border-red-700" : "border-slate-700"}`}
            >
              {available.length > 1 ? <option value="">Choose one of your published ideas</option> : null}
              {available.map((idea) => (
                <option key={idea.slug} value={idea.slug}>
                  {idea.title}
                </option>
              ))}
            </select>
          </div>
          <div className="mb-4">
            <label htmlFor="put-forward-note" className="block font-semibold">
              Why it fits this need (optional)
            </label>
            <p id="put-forward-note-hint" className="text-sm text-slate-700">
              For the broker who reviews it.
            </p>
            <ErrorList id="put-forward-note-error" errors={errors.note ? [errors.note] : null} />
            <textarea
              id="put-forward-note"
              name="note"
              rows={3}
              defaultValue={result?.values.note ?? ""}
              aria-invalid={errors.note ? true : undefined}
              aria-describedby={["put-forward-note-hint", errors.note ? "put-forward-note-error" : null].filter(Boolean).join(" ")}
              className={`mt-1 w-full rounded border-2 bg-white px-3 py-2 ${errors.note ? "border-red-700" : "border-slate-700"}`}
            />
          </div>
          <button type="submit" disabled={busy} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            Put this idea forward
          </button>
        </Form>
      )}
    </section>
  );
}

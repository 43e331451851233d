// "Put forward one of your ideas" on a need's page: a signed-in innovator proposes one of their
// published ideas for the open need. A broker looks at it before the commissioner is asked.
import { Form, useNavigation } from "@remix-run/react";
import { controlBorder, PlainField, plainControlProps } from "./plain-field";
import { SelectOptions } from "./select-options";
import { SubmitButton } from "./submit-button";
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
          <PlainField id="put-forward-idea" label="Your idea" error={errors.idea} className="mb-4">
            <select
              {...plainControlProps("put-forward-idea", errors.idea, false)}
              name="idea"
              defaultValue={result?.values.idea ?? (available.length === 1 ? available[0].slug : "")}
              className={`mt-1 max-w-full rounded border-2 bg-white px-3 py-2 ${controlBorder(errors.idea)}`}
            >
              {available.length > 1 ? <option value="">Choose one of your published ideas</option> : null}
              <SelectOptions options={available.map((idea) => ({ value: idea.slug, label: idea.title }))} />
            </select>
          </PlainField>
          <PlainField id="put-forward-note" label="Why it fits this need (optional)" hint="For the broker who reviews it." error={errors.note} className="mb-4">
            <textarea
              {...plainControlProps("put-forward-note", errors.note, true)}
              name="note"
              rows={3}
              defaultValue={result?.values.note ?? ""}
              className={`mt-1 w-full rounded border-2 bg-white px-3 py-2 ${controlBorder(errors.note)}`}
            />
          </PlainField>
          <SubmitButton disabled={busy}>Put this idea forward</SubmitButton>
        </Form>
      )}
    </section>
  );
}

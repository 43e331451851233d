// The broker item page's rubric (issue 13, item 10): the latest score with each criterion's
// points, and the "Score this item" form (GOV.UK radios, one group per criterion, 0 to 4 with
// words for each point; conform + zod with the error summary; a plain POST without JavaScript).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { RadioGroup } from "./form-controls";
import { FormErrorSummary } from "./forms";
import { rubricFor, rubricSchema } from "../domain/review-rubric";
import type { ReviewItemType } from "../domain/vocabulary";

export type ScoreView = {
  total: string;
  by: string;
  at: string;
  rows: { key: string; label: string; score: number; words: string }[];
};

export function LatestScore({ score }: { score: ScoreView | null }) {
  if (!score) return <p className="mt-2 text-slate-700">Not scored yet.</p>;
  return (
    <div className="mt-3 max-w-3xl rounded border border-slate-300 bg-slate-50 p-4">
      <p>
        <span className="font-semibold">Latest score: </span>
        <strong data-testid="latest-score">{score.total}</strong>, by {score.by} on {score.at}
      </p>
      <dl className="mt-2 space-y-1 text-sm">
        {score.rows.map((row) => (
          <div key={row.key} className="sm:grid sm:grid-cols-[14rem_1fr] sm:gap-x-4">
            <dt className="font-semibold">
              {row.label}: {row.score} / 4
            </dt>
            <dd className="text-slate-700">{row.words}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function ScoreForm({
  itemType,
  lastResult,
  defaults,
}: {
  itemType: ReviewItemType;
  lastResult: SubmissionResult<string[]> | undefined;
  defaults: Record<string, number> | null;
}) {
  const schema = rubricSchema(itemType);
  const criteria = rubricFor(itemType);
  const [form, fields] = useForm({
    id: "score",
    lastResult,
    defaultValue: defaults ? Object.fromEntries(Object.entries(defaults).map(([key, value]) => [key, String(value)])) : undefined,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "score";
  const fieldOf = fields as unknown as Record<string, Parameters<typeof RadioGroup>[0]["field"]>;
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 max-w-3xl rounded border border-slate-300 p-4">
      <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
      <input type="hidden" name="intent" value="score" />
      <p className="mb-4 text-slate-700">Score each criterion from 0 to 4. The total is kept with your name in the audit log and shown in the queue.</p>
      {criteria.map((criterion) => (
        <RadioGroup
          key={criterion.key}
          legend={criterion.label}
          hint={criterion.hint}
          field={fieldOf[criterion.key]}
          options={criterion.points.map((words, point) => ({ value: String(point), label: `${point}: ${words}` }))}
        />
      ))}
      <button type="submit" disabled={submitting} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
        {submitting ? "Saving…" : "Save score"}
      </button>
    </Form>
  );
}

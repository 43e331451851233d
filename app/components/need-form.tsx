// The commissioner's need form, with the quality check beside it: which parts of a good
// challenge are still missing. Works without JavaScript (the server runs the same check);
// with JavaScript the checklist updates as the commissioner writes.
import { getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { parseDateParts, parseMoney } from "../domain/input-parsers";
import { needFormSchemaFor, needQualityCheck, type NeedFormValues, type QualityItem } from "../domain/need-form";
import {
  diffusionModelLabels,
  diffusionModels,
  fundingRouteLabels,
  fundingRoutes,
  lifecyclePhaseLabels,
  lifecyclePhases,
  sectorLabels,
  sectors,
} from "../domain/vocabulary";
import { CheckboxGroup, DateInput, SelectField, TextareaField } from "./form-controls";
import { DraftFormButtons, FormErrorSummary, TextField } from "./forms";
import { useDraftForm } from "./form-hooks";
import { FormSection } from "./form-section";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any>;

export function QualityCheckList({ items }: { items: QualityItem[] }) {
  const missing = items.filter((item) => !item.present).length;
  return (
    <section aria-labelledby="quality-heading" className="rounded border-2 border-slate-300 p-4" data-testid="quality-check">
      <h2 id="quality-heading" className="text-lg font-semibold">
        Quality check
      </h2>
      <p className="mt-1 text-sm" aria-live="polite">
        {missing
          ? `${missing} of ${items.length} parts of a good challenge still missing. You can save a draft at any time; submit when all are present.`
          : "Every part of a good challenge is present."}
      </p>
      <ul className="mt-3 space-y-2">
        {items.map((item) => (
          <li key={item.key} className="text-sm">
            <span className={`font-semibold ${item.present ? "text-emerald-800" : "text-red-800"}`}>
              {item.present ? "✓ Present: " : "✗ Missing: "}
              {item.label}
            </span>
            {item.present ? null : <span className="block text-slate-700">{item.advice}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The quality check's view of the form as typed, read with the same parsers the server uses. */
function valuesFromForm(form: HTMLFormElement): Partial<NeedFormValues> {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "").trim() || undefined;
  const money = (name: string) => {
    const parsed = parseMoney(text(name) ?? "", "");
    return parsed.ok ? parsed.value : undefined;
  };
  const deadline = parseDateParts({ day: text("deadlineDay"), month: text("deadlineMonth"), year: text("deadlineYear") }, "");
  return {
    problem: text("problem"),
    whoIsAffected: text("whoIsAffected"),
    outcomes: text("outcomes"),
    budgetMin: money("budgetMin"),
    budgetMax: money("budgetMax"),
    deadline: deadline.ok ? (deadline.value ?? undefined) : undefined,
    diffusionModels: data.getAll("diffusionModels") as NeedFormValues["diffusionModels"],
  };
}

export function NeedForm({
  lastResult,
  defaultValue,
  submitLabel,
  initialQuality,
  alwaysComplete = false,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: Record<string, unknown>;
  submitLabel: string;
  initialQuality: QualityItem[];
  /** A need brokers have seen is checked in full on every save, not only on submit. */
  alwaysComplete?: boolean;
}) {
  const [form, typedFields] = useDraftForm({
    id: "need-form",
    lastResult,
    defaultValue,
    alwaysComplete,
    schemaFor: (complete) => needFormSchemaFor({ complete }),
  });
  const fields = typedFields as unknown as Record<string, AnyField>;
  const [quality, setQuality] = useState(initialQuality);
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div>
        <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
        <Form method="post" {...getFormProps(form)} onInput={(event) => setQuality(needQualityCheck(valuesFromForm(event.currentTarget)))}>
          <FormSection legend="The challenge">
            <TextField label="Title" field={fields.title} />
            <TextareaField label="The problem" hint="What happens now, how often, and why it matters. Plain words are best." field={fields.problem} rows={6} />
            <TextareaField label="Who is affected" hint="Which people, how many, where." field={fields.whoIsAffected} rows={3} />
            <TextareaField label="What success looks like" hint="Ideally a measure you already collect." field={fields.outcomes} rows={3} />
            <SelectField
              label="Where the problem stands now (optional)"
              hint="The lifecycle phase: underperformance with nothing tried yet is latent; a pilot under way is mobilisation."
              field={fields.lifecyclePhase}
              placeholder="Not stated"
              options={lifecyclePhases.map((value) => ({ value, label: lifecyclePhaseLabels[value] }))}
            />
            <TextareaField label="Constraints (optional)" hint="Rules, systems, contracts or politics any idea must fit." field={fields.constraints} rows={3} />
            <CheckboxGroup legend="Sectors" field={fields.sectors} options={sectors.map((value) => ({ value, label: sectorLabels[value] }))} />
          </FormSection>
          <FormSection legend="Place, money and time">
            <TextField label="Place (optional)" field={fields.locality} />
            <TextField label="Country code (optional)" hint="Two letters, like GB" field={fields.country} />
            <TextField label="Lowest budget" hint="In pounds, like £20,000 or £20k" field={fields.budgetMin} />
            <TextField label="Highest budget" hint="In pounds, like £50,000 or £50k" field={fields.budgetMax} />
            <CheckboxGroup
              legend="Funding routes you can use"
              field={fields.fundingRoutes}
              options={fundingRoutes.map((value) => ({ value, label: fundingRouteLabels[value] }))}
            />
            <DateInput
              legend="Deadline"
              hint="When you need a decision or a start. For example, 31 3 2027"
              error={fields.deadline}
              day={fields.deadlineDay}
              month={fields.deadlineMonth}
              year={fields.deadlineYear}
            />
          </FormSection>
          <FormSection legend="Routes to adoption you can accept">
            <CheckboxGroup
              legend="Diffusion models"
              field={fields.diffusionModels}
              columns={1}
              options={diffusionModels.map((value) => ({ value, label: diffusionModelLabels[value] }))}
            />
          </FormSection>
          <DraftFormButtons alwaysComplete={alwaysComplete} submitLabel={submitLabel} />
        </Form>
      </div>
      <div className="lg:sticky lg:top-4 lg:self-start">
        <QualityCheckList items={quality} />
      </div>
    </div>
  );
}

// Conform-bound controls beside TextField (forms.tsx): a textarea, a select and a radio
// group, each with its label or legend, hint and field-level errors.
import { getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { ErrorList } from "./forms";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any>;

function Hint({ id, children }: { id?: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="text-sm text-slate-700">
      {children}
    </p>
  );
}

/** A control's frame: its label, hint and errors above it. */
function Labelled({ label, hintId, hint, field, children }: { label: string; hintId?: string; hint?: ReactNode; field: AnyField; children: ReactNode }) {
  return (
    <div className="mb-5">
      <label htmlFor={field.id} className="block font-semibold">
        {label}
      </label>
      <Hint id={hintId}>{hint}</Hint>
      <ErrorList id={field.errorId} errors={field.errors} />
      {children}
    </div>
  );
}

export function TextareaField({ label, hint, field, rows = 4 }: { label: string; hint?: ReactNode; field: AnyField; rows?: number }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <Labelled label={label} hintId={hintId} hint={hint} field={field}>
      <textarea
        {...getTextareaProps(field, { ariaDescribedBy: hintId })}
        rows={rows}
        className={`mt-1 w-full max-w-2xl rounded border-2 px-3 py-2 ${field.errors?.length ? "border-red-700" : "border-slate-700"}`}
      />
    </Labelled>
  );
}

export function SelectField({
  label,
  hint,
  field,
  options,
  placeholder,
}: {
  label: string;
  hint?: ReactNode;
  field: AnyField;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <Labelled label={label} hintId={hintId} hint={hint} field={field}>
      <select
        {...getSelectProps(field, { ariaDescribedBy: hintId })}
        className={`mt-1 max-w-full rounded border-2 bg-white px-3 py-2 ${field.errors?.length ? "border-red-700" : "border-slate-700"}`}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

export function RadioGroup({
  legend,
  hint,
  field,
  options,
}: {
  legend: string;
  hint?: ReactNode;
  field: AnyField;
  options: { value: string; label: string; hint?: string }[];
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const describedBy = [hintId, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
  const initial = typeof field.initialValue === "string" ? field.initialValue : undefined;
  return (
    <fieldset id={field.id} className="mb-5" aria-describedby={describedBy} aria-invalid={field.errors?.length ? true : undefined}>
      <legend className="font-semibold">{legend}</legend>
      <Hint id={hintId}>{hint}</Hint>
      <ErrorList id={field.errorId} errors={field.errors} />
      <div className="mt-1 space-y-1">
        {options.map((option) => {
          const id = `${field.id}-${option.value}`;
          return (
            <div key={option.value} className="flex items-start gap-2">
              <input
                id={id}
                type="radio"
                name={field.name}
                value={option.value}
                defaultChecked={initial === option.value}
                form={field.formId}
                aria-describedby={option.hint ? `${id}-hint` : undefined}
                className="mt-1 size-4"
              />
              <div>
                <label htmlFor={id}>{option.label}</label>
                {/* Outside the label, so the option's accessible name is just its label. */}
                {option.hint ? (
                  <p id={`${id}-hint`} className="text-sm text-slate-700">
                    {option.hint}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Checkboxes sharing one name (a list value), with their legend and errors. */
export function CheckboxGroup({
  legend,
  field,
  options,
  columns = 2,
  onChange,
}: {
  legend: string;
  field: AnyField;
  options: { value: string; label: string }[];
  columns?: number;
  onChange?: (values: string[]) => void;
}) {
  const initial = ([] as string[]).concat((field.initialValue as string[] | string | undefined) ?? []);
  return (
    <fieldset id={field.id} className="mb-5" aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend className="font-semibold">{legend}</legend>
      <ErrorList id={field.errorId} errors={field.errors} />
      <div className={`mt-1 grid gap-1 ${columns === 2 ? "sm:grid-cols-2" : ""}`}>
        {options.map((option) => (
          <div key={option.value} className="flex items-start gap-2">
            <input
              id={`${field.id}-${option.value}`}
              type="checkbox"
              name={field.name}
              value={option.value}
              defaultChecked={initial.includes(option.value)}
              className="mt-1 size-4"
              onChange={(event) => {
                if (!onChange) return;
                const inputs = event.currentTarget.form?.querySelectorAll<HTMLInputElement>(`input[name="${field.name}"]:checked`) ?? [];
                onChange([...inputs].map((input) => input.value));
              }}
            />
            <label htmlFor={`${field.id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The GOV.UK date input: day, month and year boxes in a fieldset, with one error for the date.
 * `error` is the date's own field: the day box takes its id, so the error summary's link lands
 * on the first box, with JavaScript or without.
 */
export function DateInput({
  legend,
  hint,
  error,
  day,
  month,
  year,
}: {
  legend: string;
  hint?: ReactNode;
  error: AnyField;
  day: AnyField;
  month: AnyField;
  year: AnyField;
}) {
  const hintId = hint ? `${error.id}-hint` : undefined;
  const invalid = !!error.errors?.length;
  const describedBy = [hintId, invalid ? error.errorId : undefined].filter(Boolean).join(" ") || undefined;
  const box = (field: AnyField, label: string, width: string, inputMode: "numeric" | "text" = "numeric", id = field.id) => (
    <div>
      <label htmlFor={id} className="block">
        {label}
      </label>
      <input
        id={id}
        name={field.name}
        defaultValue={(field.initialValue as string | undefined) ?? ""}
        key={field.key}
        inputMode={inputMode}
        aria-invalid={invalid || undefined}
        className={`mt-1 ${width} rounded border-2 px-2 py-2 ${invalid ? "border-red-700" : "border-slate-700"}`}
      />
    </div>
  );
  return (
    <fieldset className="mb-5" role="group" aria-describedby={describedBy}>
      <legend className="font-semibold">{legend}</legend>
      <Hint id={hintId}>{hint}</Hint>
      <ErrorList id={error.errorId} errors={error.errors} />
      <div className="mt-1 flex flex-wrap gap-3">
        {box(day, "Day", "w-14", "numeric", error.id)}
        {box(month, "Month", "w-14", "text")}
        {box(year, "Year", "w-20")}
      </div>
    </fieldset>
  );
}

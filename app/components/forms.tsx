import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";
import { useEffect, useRef, type MouseEvent } from "react";

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 text-sm font-semibold text-red-800">
      {errors.map((error) => (
        <li key={error}>
          <span className="sr-only">Error: </span>
          {error}
        </li>
      ))}
    </ul>
  );
}

/**
 * The GOV.UK error summary: at the top of the form, every problem listed, each linked to its
 * field (conform's field ids are `${formId}-${name}`), and focused when it appears so a screen
 * reader hears it and a keyboard user starts from it. Without JavaScript it is still the first
 * thing in the form, announced as an alert, and its links still jump to the fields.
 */
export function FormErrorSummary({
  id,
  errors,
  formId,
  fieldErrors,
}: {
  id: string;
  errors?: string[] | null;
  formId?: string;
  fieldErrors?: Record<string, string[] | null | undefined>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const fields = formId && fieldErrors ? Object.entries(fieldErrors).filter(([name, messages]) => name !== "" && messages?.length) : [];
  const formLevel = errors ?? [];
  const count = formLevel.length + fields.length;
  const signature = JSON.stringify([formLevel, fields]);
  useEffect(() => {
    if (count) ref.current?.focus();
  }, [count, signature]);
  if (!count) return null;
  const focusField = (event: MouseEvent<HTMLAnchorElement>, target: string) => {
    const element = document.getElementById(target);
    if (!element) return;
    event.preventDefault();
    const input = element.matches("input, select, textarea") ? element : element.querySelector<HTMLElement>("input, select, textarea");
    (input ?? element).scrollIntoView({ block: "center" });
    (input ?? element).focus();
  };
  return (
    <div id={id} ref={ref} tabIndex={-1} role="alert" aria-labelledby={`${id}-title`} className="mb-6 rounded border-4 border-red-700 p-4 focus:outline-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        There is a problem
      </h2>
      <ul className="mt-2 space-y-1">
        {formLevel.map((error) => (
          <li key={`form-${error}`} className="font-semibold text-red-800">
            {error}
          </li>
        ))}
        {fields.map(([name, messages]) => (
          <li key={name}>
            <a href={`#${formId}-${name}`} onClick={(event) => focusField(event, `${formId}-${name}`)} className="font-semibold text-red-800 underline">
              {messages![0]}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

type InputType = "text" | "email" | "password";

export function TextField({
  label,
  hint,
  field,
  type = "text",
  autoComplete,
}: {
  label: string;
  hint?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  field: FieldMetadata<any>;
  type?: InputType;
  autoComplete?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  // getInputProps adds the error id itself when the field is invalid.
  const describedBy = hintId;
  return (
    <div className="mb-5">
      <label htmlFor={field.id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
      <input
        {...getInputProps(field, { type, ariaDescribedBy: describedBy })}
        autoComplete={autoComplete}
        className={`mt-1 w-full max-w-md rounded border-2 px-3 py-2 ${field.errors?.length ? "border-red-700" : "border-slate-700"}`}
      />
    </div>
  );
}

/** A draft form's buttons: "Save draft" (unless every save is checked in full) and the submit button. */
export function DraftFormButtons({ alwaysComplete, submitLabel }: { alwaysComplete: boolean; submitLabel: string }) {
  return (
    <div className="flex flex-wrap gap-3">
      {alwaysComplete ? null : (
        <button type="submit" name="intent" value="save" className="rounded border-2 border-slate-700 px-4 py-2 font-semibold">
          Save draft
        </button>
      )}
      <button type="submit" name="intent" value="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
        {submitLabel}
      </button>
    </div>
  );
}

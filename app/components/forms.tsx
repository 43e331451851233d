import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";

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

export function FormErrorSummary({ id, errors }: { id: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="mb-6 rounded border-l-4 border-red-700 bg-red-50 p-4">
      <h2 className="font-semibold">There is a problem</h2>
      <ErrorList errors={errors} />
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

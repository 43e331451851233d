// A labelled control of a plain form whose errors come back from the action by field name
// (without conform): its label, hint and error above it, and the control's ARIA wiring.
import type { ReactNode } from "react";
import { ErrorList } from "./forms";

/** The ids a control points at: `${id}-hint` and, when there is an error, `${id}-error`. */
export function plainControlProps(id: string, error: string | undefined, hasHint: boolean) {
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": [hasHint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined,
  };
}

/** The control's border: red while it has an error. */
export const controlBorder = (error: string | undefined) => (error ? "border-red-700" : "border-slate-700");

export function PlainField({
  id,
  label,
  hint,
  error,
  className = "mb-5",
  children,
}: {
  /** The control's id. */
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      <ErrorList id={`${id}-error`} errors={error ? [error] : null} />
      {children}
    </div>
  );
}

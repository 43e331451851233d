import type { ReactNode } from "react";

/** A part of a long form (the idea and need forms): its fields framed under a legend, with an optional hint. */
export function FormSection({ legend, hint, children }: { legend: string; hint?: string; children: ReactNode }) {
  return (
    <fieldset className="mb-8 rounded border border-slate-300 p-4">
      <legend className="px-1 text-xl font-semibold">{legend}</legend>
      {hint ? <p className="mb-4 text-sm text-slate-700">{hint}</p> : null}
      {children}
    </fieldset>
  );
}

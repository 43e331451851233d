// The conform set-up every form shares: checked in the browser against the same zod schema as
// the server, first on submit, then on each input until it is right. Without JavaScript the
// server's reply (`lastResult`) shows the same errors.
import { useForm, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useRef } from "react";
import type { $ZodType, input, output } from "zod/v4/core";

type FormResult = SubmissionResult<string[]> | null | undefined;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fields<Schema extends $ZodType> = Extract<input<Schema>, Record<string, any>>;

/** A form checked against one schema. */
export function useSchemaForm<Schema extends $ZodType<Record<string, unknown>>>(
  schema: Schema,
  { id, lastResult, defaultValue }: { id: string; lastResult: FormResult; defaultValue?: DefaultValue<Fields<Schema>> },
) {
  return useForm<Fields<Schema>, output<Schema>>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

/**
 * A draft form (an idea or a need): "Save draft" checks little, the submit button checks it in
 * full, and so does every save once brokers have seen the item (`alwaysComplete`).
 */
export function useDraftForm<Schema extends $ZodType<Record<string, unknown>>>({
  id,
  lastResult,
  defaultValue,
  alwaysComplete,
  schemaFor,
}: {
  id: string;
  lastResult: FormResult;
  defaultValue?: Record<string, unknown>;
  alwaysComplete: boolean;
  schemaFor: (complete: boolean) => Schema;
}) {
  // Revalidation on input carries no submit button: check as the last submit did.
  const lastIntent = useRef("save");
  return useForm({
    id,
    lastResult,
    defaultValue: defaultValue as Record<string, string> | undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => {
      lastIntent.current = String(formData.get("intent") ?? lastIntent.current);
      return parseWithZod(formData, { schema: schemaFor(alwaysComplete || lastIntent.current === "submit") });
    },
  });
}

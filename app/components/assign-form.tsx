// "Assign to" (issue 13, item 11): a select of the brokers (the viewer first, as "Me") and an
// optional note, on a queue item's page and a match's assign page. conform + zod with the
// error summary; a plain POST without JavaScript.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { SelectField, TextareaField } from "./form-controls";
import { FormErrorSummary } from "./forms";
import { useSchemaForm } from "./form-hooks";
import { PendingButton } from "./pending-button";
import { ASSIGNMENT_NOTE_MAX, assignSchema } from "../domain/assignment";

export type AssignmentView = { assigneeId: string; assigneeName: string; assignedByName: string | null; note: string | null; assignedAt: string } | null;

export function CurrentAssignment({ assignment, viewerId }: { assignment: AssignmentView; viewerId: string }) {
  if (!assignment) return <p className="mt-1">Not assigned to anyone.</p>;
  return (
    <div className="mt-1">
      <p data-testid="assigned-to">
        Assigned to <strong>{assignment.assigneeId === viewerId ? "you" : assignment.assigneeName}</strong>
        {assignment.assignedByName ? ` by ${assignment.assignedByName}` : ""} on {assignment.assignedAt}.
      </p>
      {assignment.note ? <p className="mt-1 whitespace-pre-line text-slate-700">Note: “{assignment.note}”</p> : null}
    </div>
  );
}

export function AssignForm({
  options,
  lastResult,
  currentAssigneeId,
  action,
}: {
  options: { value: string; label: string }[];
  lastResult: SubmissionResult<string[]> | undefined;
  currentAssigneeId: string | null;
  action?: string;
}) {
  const [form, fields] = useSchemaForm(assignSchema, {
    id: "assign",
    lastResult,
    defaultValue: currentAssigneeId ? { assigneeId: currentAssigneeId } : undefined,
  });
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="mt-3 max-w-2xl">
      <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
      <input type="hidden" name="intent" value="assign" />
      <SelectField
        label="Assign to"
        hint="A broker who will see it in their “Assigned to me” view and be told."
        field={fields.assigneeId}
        placeholder="Choose a broker"
        options={options}
      />
      <TextareaField label="Note (optional)" hint={`What they should know, in up to ${ASSIGNMENT_NOTE_MAX} characters.`} field={fields.note} rows={2} />
      <PendingButton pendingWhen={{ intent: "assign" }} pendingLabel="Assigning…" look="secondary">
        Assign
      </PendingButton>
    </Form>
  );
}

// The "Assignment" box of a broker's page (a queue item, a match): who has it now and, for those
// who may change it, the "Assign to" form; otherwise why they may not.
import type { SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { AssignForm, CurrentAssignment, type AssignmentView } from "./assign-form";
import { Section } from "./section";

export function AssignmentPanel({
  assignment,
  viewerId,
  assignees,
  lastResult,
  canAssign,
  cannotAssign,
  className,
}: {
  assignment: AssignmentView;
  viewerId: string;
  assignees: { value: string; label: string }[];
  lastResult: SubmissionResult<string[]> | undefined;
  canAssign: boolean;
  /** Shown instead of the form when the viewer may not assign. */
  cannotAssign: ReactNode;
  /** Spacing and width. */
  className: string;
}) {
  return (
    <Section id="assign-heading" title="Assignment" className={`${className} rounded border border-slate-300 p-4`} headingClassName="text-lg font-semibold">
      <CurrentAssignment assignment={assignment} viewerId={viewerId} />
      {canAssign ? (
        <AssignForm key={assignment?.assignedAt ?? "none"} options={assignees} currentAssigneeId={assignment?.assigneeId ?? null} lastResult={lastResult} />
      ) : (
        cannotAssign
      )}
    </Section>
  );
}

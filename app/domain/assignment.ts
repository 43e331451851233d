// Assigning a queue item or a match to a broker (issue 13, item 11): the form (shared by the
// server action, the authority, and the browser), the queue's "Assigned to me" wording and the
// audit and notification texts. Pure.
import { z } from "zod";
import type { AuditItemType } from "./vocabulary";
import { unrequiredText } from "./form-fields";

export const ASSIGNMENT_NOTE_MAX = 500;

/** The roles that work the queues, and so can be assigned an item (admins can do all a broker can). */
export const assignableRoles = ["broker", "admin"] as const;

export const assignSchema = z.object({
  intent: z.literal("assign"),
  assigneeId: z.string({ error: "Choose who to assign it to" }).trim().min(1, "Choose who to assign it to").max(200, "Choose who to assign it to"),
  note: unrequiredText("note", ASSIGNMENT_NOTE_MAX),
});

export type AssignFormValue = z.output<typeof assignSchema>;

const itemWords: Record<AuditItemType, string> = {
  idea: "the idea",
  need: "the need",
  "case-study": "the case study",
  "outcome-update": "the outcome update",
  match: "the match",
};

/** The assignee's notification: who gave them what, with the note. */
export function assignmentNotification(input: { itemType: AuditItemType; title: string; assignedBy: string; note?: string | null }) {
  return {
    title: `Assigned to you: ${input.title}`,
    body: [`${input.assignedBy} assigned ${itemWords[input.itemType]} “${input.title}” to you.`, input.note ? `Their note: ${input.note}` : null]
      .filter(Boolean)
      .join("\n\n"),
  };
}

/** A broker's name as the "Assign to" select shows it: "Me (Bea Broker)" for the viewer. */
export function assigneeOptions(brokers: { id: string; name: string }[], viewerId: string): { value: string; label: string }[] {
  const me = brokers.find((broker) => broker.id === viewerId);
  const others = brokers.filter((broker) => broker.id !== viewerId).sort((a, b) => a.name.localeCompare(b.name));
  return [...(me ? [{ value: me.id, label: `Me (${me.name})` }] : []), ...others.map((broker) => ({ value: broker.id, label: broker.name }))];
}

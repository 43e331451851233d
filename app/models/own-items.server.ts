// An innovator's ideas and a commissioner's needs as their owners see them: one view for the
// list of their own items and the head of each item's editor page.
import type { IdeaRow, NeedRow } from "../../db/schema";
import { ideaStatusText, needStatusText } from "../domain/review-display";
import { ideaAwaitingReview } from "./idea-editor.server";

export type OwnItemView = {
  slug: string;
  title: string;
  /** Published (an idea) or open (a need): it has a public page. */
  live: boolean;
  statusText: string;
  reviewOutcome: string | null;
  reviewReason: string | null;
};

const view = (item: IdeaRow | NeedRow, live: boolean, statusText: string): OwnItemView => ({
  slug: item.slug,
  title: item.title,
  live,
  statusText,
  reviewOutcome: item.reviewOutcome,
  reviewReason: item.reviewReason,
});

export function ownIdeaView(idea: IdeaRow): OwnItemView {
  return view(
    idea,
    idea.status === "published",
    ideaStatusText({ ...idea, awaitingReview: ideaAwaitingReview(idea), hasPendingChanges: !!idea.pendingChanges }),
  );
}

export function ownNeedView(need: NeedRow): OwnItemView {
  return view(need, need.status === "open", needStatusText(need));
}

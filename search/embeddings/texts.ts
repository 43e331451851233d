// What is embedded for an idea and for a need, and the hash that addresses a text's vector in
// the embeddings table. One text per item: what it is about (an idea's title, summary,
// problem and solution; a need's title, problem and outcomes), not its evidence or logistics.
import crypto from "node:crypto";

/** Words kept of a text: the model averages over its words, and a long tail only dilutes. */
const MAX_WORDS = 220;

export type IdeaEmbeddingSource = { title: string; summary: string; problem?: string | null; solution?: string | null; tags?: readonly string[] };
export type NeedEmbeddingSource = { title: string; problem: string; outcomes?: string | null; whoIsAffected?: string | null };

function clip(text: string): string {
  const words = text.replace(/\s+/g, " ").trim().split(" ");
  return words.length > MAX_WORDS ? words.slice(0, MAX_WORDS).join(" ") : words.join(" ");
}

const sentence = (text: string | null | undefined) => {
  const trimmed = (text ?? "").trim();
  return !trimmed ? "" : /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

export function ideaEmbeddingText(idea: IdeaEmbeddingSource): string {
  const tags = idea.tags?.length ? `${idea.tags.join(", ")}.` : "";
  return clip([sentence(idea.title), tags, sentence(idea.summary), sentence(idea.problem), sentence(idea.solution)].filter(Boolean).join(" "));
}

export function needEmbeddingText(need: NeedEmbeddingSource): string {
  return clip([sentence(need.title), sentence(need.problem), sentence(need.whoIsAffected), sentence(need.outcomes)].filter(Boolean).join(" "));
}

export function textHash(text: string): string {
  return crypto.createHash("sha1").update(text).digest("hex");
}

import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4", "a"],
  allowedAttributes: { a: ["href"] },
  allowedSchemes: ["http", "https", "mailto"],
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener" }) },
};

/** Markdown from users, rendered to HTML that keeps only harmless tags and links. */
export function renderMarkdown(text: string | null | undefined): string | null {
  if (!text) return null;
  const html = marked.parse(text, { async: false, gfm: true, breaks: true }) as string;
  return sanitizeHtml(html, allowed);
}

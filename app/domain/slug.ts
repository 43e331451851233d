/** A web address from a name: "Café Society, Zürich" -> "cafe-society-zurich" (at most 80 characters). */
export function slugify(text: string, fallback: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      // NFKD splits "é" into "e" and a combining accent: drop the accents, keep the letters.
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80)
      .replace(/-+$/, "") || fallback
  );
}

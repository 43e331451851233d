// A place on the exchange is a locality with its country, as written in ideas, case studies
// and needs. Pure.
import { slugify } from "./slug";

/** Letters that no Unicode decomposition turns into ASCII (Samsø, Łódź, Straße). */
const transliterations: Record<string, string> = { ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

/** A place's address: "Tower Hamlets, London" in GB -> "tower-hamlets-london-gb". */
export function placeSlug(locality: string, country: string | null): string {
  const base = slugify(
    locality.toLowerCase().replace(/[øæœßłđðþı]/g, (letter) => transliterations[letter]),
    "place",
  );
  return country ? `${base}-${country.toLowerCase()}` : base;
}

import { sectorLabels, type Sector } from "./vocabulary";

/** Sectors in words, comma-separated; a value outside the vocabulary is shown as it is. */
export const sectorNames = (sectors: readonly string[]) => sectors.map((sector) => sectorLabels[sector as Sector] ?? sector).join(", ");

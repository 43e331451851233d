// The facets of the public idea search, in one registry: the URL parameter, the search
// document's field, the label and the options. The search parameters, saved searches and
// their descriptions, the /ideas page, the API, the Meilisearch query and the SQLite fallback
// all read it, so a facet is added or renamed in one place.
import {
  diffusionModelLabels,
  diffusionModels,
  evidenceLevelLabels,
  lifecyclePhaseLabels,
  lifecyclePhases,
  sectorLabels,
  sectors,
  takeoverTransfers,
  typologies,
  typologyLabels,
  type EvidenceLevel,
} from "./vocabulary";

type Option = { value: string; label: string };

function facet<const Param extends string, const Field extends string>(entry: {
  /** The query-string parameter (`?sector=health`). */
  param: Param;
  /** The field of the ideas search document (and its facet counts). */
  field: Field;
  legend: string;
  options: readonly Option[];
  /** An option in a saved search's description ("evidence level 3"); its label unless given. */
  describe?: (option: Option) => string;
}) {
  return { describe: (option: Option) => option.label, ...entry };
}

const options = <Value extends string>(values: readonly Value[], label: (value: Value) => string): Option[] =>
  values.map((value) => ({ value, label: label(value) }));
/** Options labelled from one of the vocabulary's label records. */
const labelled = <Value extends string>(values: readonly Value[], labels: Record<Value, string>) => options(values, (value) => labels[value]);

export const ideaFacetRegistry = [
  facet({ param: "sector", field: "sectors", legend: "Sector", options: labelled(sectors, sectorLabels) }),
  facet({
    param: "diffusionModel",
    field: "diffusionModels",
    legend: "Diffusion model",
    options: labelled(diffusionModels, diffusionModelLabels),
    describe: (option) => option.label.split(" (")[0],
  }),
  facet({
    param: "lifecyclePhase",
    field: "lifecyclePhase",
    legend: "Lifecycle phase",
    options: labelled(lifecyclePhases, lifecyclePhaseLabels),
    describe: (option) => `${option.label} phase`,
  }),
  facet({ param: "typology", field: "typology", legend: "Typology", options: labelled(typologies, typologyLabels) }),
  facet({
    param: "evidenceLevel",
    field: "evidenceLevel",
    legend: "Evidence level",
    options: options(["1", "2", "3", "4", "5"], (value) => evidenceLevelLabels[Number(value) as EvidenceLevel]),
    describe: (option) => `evidence ${option.label.split(":")[0]}`,
  }),
  facet({
    param: "transfer",
    field: "takeoverTransfers",
    legend: "What transfers in a takeover",
    options: options(takeoverTransfers, (value) => value.replace("-", " ")),
    describe: (option) => `takeover with ${option.label}`,
  }),
] as const;

export type IdeaFacetEntry = (typeof ideaFacetRegistry)[number];
export type IdeaFacetParam = IdeaFacetEntry["param"];
/** A field of the ideas search document that is faceted. */
export type IdeaFacet = IdeaFacetEntry["field"];
export const ideaFacetParams = ideaFacetRegistry.map((entry) => entry.param) as IdeaFacetParam[];
export const ideaFacets = ideaFacetRegistry.map((entry) => entry.field) as IdeaFacet[];
/** Selected values per document field. */
export type IdeaFilters = Record<IdeaFacet, string[]>;

/** The selected values of each facet, keyed by document field, from values keyed by URL parameter. */
export function filtersFromParams(params: Record<IdeaFacetParam, readonly string[]>): IdeaFilters {
  return Object.fromEntries(ideaFacetRegistry.map((entry) => [entry.field, [...params[entry.param]]])) as IdeaFilters;
}

export function optionLabel(entry: IdeaFacetEntry, value: string): string {
  return entry.options.find((option) => option.value === value)?.label ?? value;
}

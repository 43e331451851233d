// Procurement route hint for a match: how a commissioner could buy or adopt the idea, from
// the idea's diffusion models, the need's accepted models, funding routes and budget. A hint
// for a conversation with a broker and the procurement team, not advice. Pure: no I/O.
import type { DiffusionModel, FundingRoute } from "./vocabulary";

export type ProcurementHintInput = {
  ideaModels: readonly DiffusionModel[];
  needModels: readonly DiffusionModel[];
  fundingRoutes: readonly FundingRoute[];
  budgetMin?: number | null;
  budgetMax?: number | null;
};

export type ProcurementHint = {
  /** Short name of the route, e.g. "Licence or call-off". */
  route: string;
  /** One or two sentences on why, and what to check. */
  detail: string;
  /** The diffusion model the hint is based on, or null when the idea offers no accepted route. */
  model: DiffusionModel | null;
};

/** Contracts below this (GBP) can usually be awarded on quotes under standing orders. */
export const LOW_VALUE_THRESHOLD = 30_000;
/** Procurement Act 2023 threshold for services bought by sub-central authorities (GBP, incl. VAT, 2024). */
export const PUBLIC_CONTRACT_THRESHOLD = 214_904;

// Which model to base the hint on when several are open: the one that asks least of both sides.
const modelPreference: readonly DiffusionModel[] = ["uncontrolled", "franchise", "growth", "takeover"];

function budgetNote(budgetMax: number | null | undefined): string {
  if (budgetMax === null || budgetMax === undefined) return "";
  if (budgetMax < LOW_VALUE_THRESHOLD) return " Your budget is below £30,000, where a quote-based direct award is usually possible.";
  if (budgetMax >= PUBLIC_CONTRACT_THRESHOLD)
    return " Your budget is above the public contract threshold (£214,904), so expect a competitive procedure or an existing framework.";
  return " Your budget is under the public contract threshold; check your standing orders for the number of quotes.";
}

function hintFor(model: DiffusionModel, routes: ReadonlySet<FundingRoute>, budgetMax: number | null | undefined): Omit<ProcurementHint, "model"> {
  switch (model) {
    case "uncontrolled":
      if (routes.has("small-grant"))
        return {
          route: "Grant to adopt",
          detail: "The idea is free to copy: a small grant can pay for the time and materials to adopt it locally, with no contract for the idea itself.",
        };
      if (routes.has("experimental-zone"))
        return {
          route: "Adopt in an experimental zone",
          detail: "The idea is free to copy: try it within your experimental zone; no procurement is needed for the idea itself.",
        };
      return {
        route: "Adopt in-house",
        detail: "The idea is free to copy: no procurement is needed for the idea itself, only for any help you buy to set it up." + budgetNote(budgetMax),
      };
    case "franchise":
      if (routes.has("procurement"))
        return {
          route: "Licence or call-off",
          detail: "Licensed from its owner: buy a licence directly, or call off from a framework the owner is on." + budgetNote(budgetMax),
        };
      if (routes.has("parallel-pilots"))
        return { route: "Licensed parallel pilots", detail: "Run licensed pilots beside other sites, sharing the owner's training and quality checks." };
      if (routes.has("small-grant"))
        return { route: "Grant-funded licence", detail: "A small grant can pay the licence fee and training for a first local site." };
      return {
        route: "Licence agreement",
        detail: "Licensed from its owner: agree a licence with its conditions (training, fidelity, data) before starting." + budgetNote(budgetMax),
      };
    case "takeover":
      return {
        route: "Transfer agreement",
        detail:
          "The service is taken over wholesale: a transfer agreement covers what moves (staff, intellectual property, contracts, data); take advice on staff transfer (TUPE)." +
          budgetNote(budgetMax),
      };
    case "growth":
      if (routes.has("invest-to-save"))
        return {
          route: "Invest-to-save contract",
          detail: "The owner expands to deliver for you: pay from the savings it makes, on an outcomes-based contract.",
        };
      if (routes.has("social-venture-fund"))
        return { route: "Social investment in the owner", detail: "The owner expands to deliver for you: a social venture fund can invest in that expansion." };
      return {
        route: "Service contract with the owner",
        detail: "The owner expands to deliver for you: commission them as a provider." + budgetNote(budgetMax),
      };
  }
}

export function procurementRouteHint(input: ProcurementHintInput): ProcurementHint {
  const open = input.needModels.length ? input.ideaModels.filter((model) => input.needModels.includes(model)) : [...input.ideaModels];
  const model = modelPreference.find((candidate) => open.includes(candidate)) ?? null;
  if (!model) {
    return {
      route: "No route you accept",
      detail: input.ideaModels.length
        ? `The idea is offered only as ${input.ideaModels.join(" or ")}, which this need does not accept; ask a broker whether its owner would consider another route.`
        : "The idea names no diffusion model; ask a broker how its owner would let it spread.",
      model: null,
    };
  }
  return { ...hintFor(model, new Set(input.fundingRoutes), input.budgetMax), model };
}

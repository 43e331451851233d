import { budgetText, deadlineText } from "../domain/need-display";
import { diffusionModelLabels, fundingRouteLabels, sectorLabels, type DiffusionModel, type FundingRoute, type Sector } from "../domain/vocabulary";

type NeedFactsProps = {
  sectors: string[];
  locality: string | null;
  budgetMin: number | null;
  budgetMax: number | null;
  fundingRoutes: string[];
  diffusionModels: string[];
  deadline: string | null;
};

export function NeedFacts(need: NeedFactsProps) {
  const rows: [string, string | null][] = [
    ["Sectors", need.sectors.map((sector) => sectorLabels[sector as Sector] ?? sector).join(", ")],
    ["Place", need.locality],
    ["Budget", budgetText(need.budgetMin, need.budgetMax)],
    ["Funding routes", need.fundingRoutes.map((route) => fundingRouteLabels[route as FundingRoute] ?? route).join(", ") || null],
    ["Routes accepted", need.diffusionModels.map((model) => diffusionModelLabels[model as DiffusionModel] ?? model).join("; ") || null],
    ["Deadline", deadlineText(need.deadline)],
  ];
  return (
    <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-semibold">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

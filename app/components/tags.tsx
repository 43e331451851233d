import { diffusionModelLabels, lifecyclePhaseLabels, sectorLabels, type DiffusionModel, type LifecyclePhase, type Sector } from "../domain/vocabulary";

export function Badge({ children, tone = "slate" }: { children: React.ReactNode; tone?: "slate" | "blue" | "green" | "amber" }) {
  const tones = {
    slate: "bg-slate-100 text-slate-800",
    blue: "bg-sky-100 text-sky-900",
    green: "bg-emerald-100 text-emerald-900",
    amber: "bg-amber-100 text-amber-900",
  };
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

export function IdeaBadges(props: { sectors: string[]; diffusionModels: string[]; lifecyclePhase: string | null; evidenceLevel: number | null }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-1" aria-label="Classification">
      {props.diffusionModels.map((model) => (
        <li key={model}>
          <Badge tone="blue">{diffusionModelLabels[model as DiffusionModel]?.split(" (")[0] ?? model}</Badge>
        </li>
      ))}
      {props.sectors.map((sector) => (
        <li key={sector}>
          <Badge>{sectorLabels[sector as Sector] ?? sector}</Badge>
        </li>
      ))}
      {props.lifecyclePhase ? (
        <li>
          <Badge tone="green">{lifecyclePhaseLabels[props.lifecyclePhase as LifecyclePhase]} phase</Badge>
        </li>
      ) : null}
      {props.evidenceLevel ? (
        <li>
          <Badge tone="amber">Evidence level {props.evidenceLevel}</Badge>
        </li>
      ) : null}
    </ul>
  );
}

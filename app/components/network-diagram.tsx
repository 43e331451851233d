// The interactive adopter-network diagram. The layout is computed on the server; here every
// node is a link, most connected first, so it works without JavaScript (Tab moves from node to
// node, Enter opens its page). With JavaScript the diagram is a single Tab stop and the arrow
// keys move between nodes (Home and End to the first and last), and hovering or focusing a
// node highlights its links and shows its details beside the diagram.
import { Link } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";

export type DiagramNode = {
  id: string;
  kind: "idea" | "organisation" | "place";
  label: string;
  href: string;
  degree: number;
  betweenness: number;
  roles: string[];
  x: number;
  y: number;
  r: number;
};

export const kindStyles = {
  idea: { colour: "#0b4f6c", label: "Idea", shape: "circle" },
  organisation: { colour: "#c2410c", label: "Organisation", shape: "square" },
  place: { colour: "#6d28d9", label: "Place", shape: "diamond" },
} as const;

const roleWords: Record<string, string> = { hub: "hub", gatekeeper: "gatekeeper", isolated: "cut off from the main network" };

export function describeNode(node: Pick<DiagramNode, "kind" | "label" | "degree" | "betweenness" | "roles">): string {
  const roles = node.roles.map((role) => roleWords[role] ?? role);
  return `${kindStyles[node.kind].label}: ${node.label}. ${node.degree} ${node.degree === 1 ? "link" : "links"}, betweenness ${node.betweenness.toFixed(3)}${
    roles.length ? `; ${roles.join(", ")}` : ""
  }.`;
}

function Shape({ node, halo }: { node: DiagramNode; halo?: boolean }) {
  const r = node.r + (halo ? 5 : 0);
  const common = halo ? { fill: "none", stroke: "#0b0c0c", strokeWidth: 3 } : { fill: kindStyles[node.kind].colour, stroke: "#ffffff", strokeWidth: 1.5 };
  if (node.kind === "idea") return <circle cx={node.x} cy={node.y} r={r} {...common} />;
  if (node.kind === "organisation") return <rect x={node.x - r} y={node.y - r} width={2 * r} height={2 * r} {...common} />;
  const d = `M${node.x},${node.y - r * 1.25}L${node.x + r * 1.25},${node.y}L${node.x},${node.y + r * 1.25}L${node.x - r * 1.25},${node.y}Z`;
  return <path d={d} {...common} />;
}

export function NetworkDiagram(props: { width: number; height: number; nodes: DiagramNode[]; edges: [number, number][]; labelled: number }) {
  const [active, setActive] = useState<number | null>(null);
  // Roving tab stop: only after hydration, so that without JavaScript every node stays reachable.
  const [hydrated, setHydrated] = useState(false);
  const [current, setCurrent] = useState(0);
  // React types an <a> as an HTML anchor even inside <svg>; both have focus().
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  useEffect(() => setHydrated(true), []);
  const move = (event: KeyboardEvent, index: number) => {
    const last = props.nodes.length - 1;
    const next =
      event.key === "ArrowRight" || event.key === "ArrowDown"
        ? Math.min(last, index + 1)
        : event.key === "ArrowLeft" || event.key === "ArrowUp"
          ? Math.max(0, index - 1)
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setCurrent(next);
    links.current[next]?.focus();
  };
  const neighbours = useMemo(() => {
    const map = new Map<number, Set<number>>();
    for (const [a, b] of props.edges) {
      if (!map.has(a)) map.set(a, new Set());
      if (!map.has(b)) map.set(b, new Set());
      map.get(a)!.add(b);
      map.get(b)!.add(a);
    }
    return map;
  }, [props.edges]);
  const near = active === null ? null : (neighbours.get(active) ?? new Set<number>());
  const isLit = (index: number) => near === null || index === active || near.has(index);
  const activeNode = active === null ? null : props.nodes[active];
  const short = (label: string) => (label.length > 26 ? `${label.slice(0, 24)}…` : label);

  return (
    <div className="mt-4 grid gap-4 lg:grid-cols-[1fr_16rem]">
      <svg
        viewBox={`0 0 ${props.width} ${props.height}`}
        className="h-auto w-full rounded border border-slate-300 bg-slate-50"
        role="group"
        aria-label={`Adopter network diagram: each shape is a link to its page${hydrated ? "; the arrow keys move between them, most connected first" : ""}`}
        onMouseLeave={() => setActive(null)}
      >
        <g aria-hidden="true">
          {props.edges.map(([a, b], index) => {
            const lit = active !== null && (a === active || b === active);
            return (
              <line
                key={index}
                x1={props.nodes[a].x}
                y1={props.nodes[a].y}
                x2={props.nodes[b].x}
                y2={props.nodes[b].y}
                stroke={lit ? "#0f172a" : "#94a3b8"}
                strokeWidth={lit ? 2 : 1}
                opacity={active === null || lit ? 1 : 0.25}
              />
            );
          })}
        </g>
        {/* The server sends the most connected nodes first, so they come first when tabbing. */}
        {props.nodes.map((node, index) => {
          return (
            <a
              key={node.id}
              ref={(element) => {
                links.current[index] = element;
              }}
              href={node.href}
              aria-label={describeNode(node)}
              className="group"
              tabIndex={hydrated ? (index === current ? 0 : -1) : undefined}
              onKeyDown={(event) => move(event, index)}
              onFocus={() => {
                setActive(index);
                setCurrent(index);
              }}
              onBlur={() => setActive((current) => (current === index ? null : current))}
              onMouseEnter={() => setActive(index)}
            >
              <g opacity={isLit(index) ? 1 : 0.3}>
                <Shape node={node} />
              </g>
              <g className={active === index ? "" : "opacity-0 group-focus-visible:opacity-100"} aria-hidden="true">
                <Shape node={node} halo />
              </g>
            </a>
          );
        })}
        <g aria-hidden="true" pointerEvents="none">
          {props.nodes.slice(0, props.labelled).map((node) => (
            <text
              key={node.id}
              x={node.x + node.r + 3}
              y={node.y}
              dominantBaseline="middle"
              fontSize={11}
              fill="#0f172a"
              stroke="#ffffff"
              strokeWidth={3}
              paintOrder="stroke"
            >
              {short(node.label)}
            </text>
          ))}
        </g>
      </svg>
      {/* A visual aid: each node's link already says all of this to assistive technology. */}
      <div className="rounded border border-slate-300 p-3 text-sm" aria-hidden="true">
        {activeNode ? (
          <>
            <p className="font-semibold">{kindStyles[activeNode.kind].label}</p>
            <p className="text-base font-semibold">
              <Link to={activeNode.href} className="link" tabIndex={-1}>
                {activeNode.label}
              </Link>
            </p>
            <p className="mt-1">
              {activeNode.degree} {activeNode.degree === 1 ? "link" : "links"}, betweenness {activeNode.betweenness.toFixed(3)}
            </p>
            {activeNode.roles.length ? <p className="mt-1">{activeNode.roles.map((role) => roleWords[role] ?? role).join(", ")}</p> : null}
            <p className="mt-2 font-semibold">Linked to</p>
            <ul className="mt-1 space-y-0.5">
              {[...(near ?? [])].slice(0, 12).map((index) => (
                <li key={index}>{props.nodes[index].label}</li>
              ))}
              {(near?.size ?? 0) > 12 ? <li>and {(near?.size ?? 0) - 12} more</li> : null}
            </ul>
          </>
        ) : (
          <p>Point at a shape, or move to it with the Tab key, to see what it links to.</p>
        )}
      </div>
    </div>
  );
}

// The adopter network (social network analysis): ideas, organisations and places, linked by
// where an idea began and who runs it (origin), where it was adopted or piloted (case
// studies and adopted matches), and brokered introductions. Per node: degree (how many
// others it links to directly) and betweenness centrality (the share of shortest paths
// between other nodes that pass through it: gatekeepers), computed with graphology. Pure:
// the rows come from app/models/network.server.ts.
import Graph from "graphology";
import betweennessCentrality from "graphology-metrics/centrality/betweenness.js";
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from "d3-force";
import { placeSlug } from "../domain/places";

export const nodeKinds = ["idea", "organisation", "place"] as const;
export type NodeKind = (typeof nodeKinds)[number];

export const edgeKinds = ["origin", "organisation", "adopted", "piloting", "introduction"] as const;
export type EdgeKind = (typeof edgeKinds)[number];

export type NetworkInput = {
  ideas: {
    slug: string;
    title: string;
    originLocality: string | null;
    originCountry: string | null;
    organisation: { key: string; name: string; slug: string | null } | null;
  }[];
  /** Published case studies of published ideas, piloting or adopted (a stopped one is no longer a link). */
  caseStudies: { ideaSlug: string; locality: string; country: string | null; status: "piloting" | "adopted" }[];
  /** Matches a broker has taken to an introduction or beyond. */
  matches: {
    ideaSlug: string;
    status: "introduced" | "piloting" | "adopted";
    needLocality: string | null;
    needCountry: string | null;
    needOrganisation: { key: string; name: string; slug: string | null } | null;
  }[];
};

export type NetworkNode = {
  id: string;
  kind: NodeKind;
  label: string;
  /** The node's page: /ideas/{slug}, /places/{slug}, or /organisations/{slug} for organisations with an account. */
  href: string | null;
  country: string | null;
  degree: number;
  /** Normalised betweenness: 0 (on no shortest path) to 1 (on every one). */
  betweenness: number;
  component: number;
  componentSize: number;
  roles: NodeRole[];
};

export type NodeRole = "hub" | "gatekeeper" | "isolated";

export type NetworkEdge = { source: string; target: string; kinds: EdgeKind[] };

export type Network = {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  components: number;
  largestComponent: number;
  /** Null when betweenness is exact; otherwise the number of sampled sources it was estimated from. */
  betweennessSample: number | null;
};

export { placeSlug };

export const placeId = (locality: string, country: string | null) => `place:${placeSlug(locality, country)}`;

type Attributes = { kind: NodeKind; label: string; href: string | null; country: string | null };

function buildGraph(input: NetworkInput): Graph<Attributes, { kinds: EdgeKind[] }> {
  const graph = new Graph<Attributes, { kinds: EdgeKind[] }>({ type: "undirected", multi: false, allowSelfLoops: false });
  const addNode = (id: string, attributes: Attributes) => {
    if (!graph.hasNode(id)) graph.addNode(id, attributes);
  };
  const addPlace = (locality: string, country: string | null) => {
    const id = placeId(locality, country);
    addNode(id, { kind: "place", label: country ? `${locality}, ${country}` : locality, href: `/places/${placeSlug(locality, country)}`, country });
    return id;
  };
  const addOrganisation = (organisation: { key: string; name: string; slug: string | null }) => {
    const id = `organisation:${organisation.key}`;
    addNode(id, { kind: "organisation", label: organisation.name, href: organisation.slug ? `/organisations/${organisation.slug}` : null, country: null });
    return id;
  };
  const link = (a: string, b: string, kind: EdgeKind) => {
    if (a === b) return;
    const edge = graph.edge(a, b);
    if (edge) {
      const kinds = graph.getEdgeAttribute(edge, "kinds");
      if (!kinds.includes(kind)) graph.setEdgeAttribute(edge, "kinds", [...kinds, kind]);
    } else graph.addEdge(a, b, { kinds: [kind] });
  };
  for (const idea of input.ideas) {
    const id = `idea:${idea.slug}`;
    addNode(id, { kind: "idea", label: idea.title, href: `/ideas/${idea.slug}`, country: idea.originCountry });
    if (idea.originLocality) link(id, addPlace(idea.originLocality, idea.originCountry), "origin");
    if (idea.organisation) link(id, addOrganisation(idea.organisation), "organisation");
  }
  for (const study of input.caseStudies) {
    const idea = `idea:${study.ideaSlug}`;
    if (graph.hasNode(idea)) link(idea, addPlace(study.locality, study.country), study.status);
  }
  for (const match of input.matches) {
    const idea = `idea:${match.ideaSlug}`;
    if (!graph.hasNode(idea)) continue;
    const place = match.needLocality ? addPlace(match.needLocality, match.needCountry) : null;
    if (place && match.status !== "introduced") link(idea, place, match.status);
    // An introduction links the idea to the commissioning organisation (or, failing that, its place).
    const organisation = match.needOrganisation ? addOrganisation(match.needOrganisation) : place;
    if (organisation) link(idea, organisation, "introduction");
  }
  return graph;
}

/** Connected components: a component id (0 = the largest) and size for every node. */
function components(graph: Graph): Map<string, { component: number; size: number }> {
  const groups: string[][] = [];
  const seen = new Set<string>();
  graph.forEachNode((start) => {
    if (seen.has(start)) return;
    const group = [start];
    seen.add(start);
    for (let i = 0; i < group.length; i++) {
      graph.forEachNeighbor(group[i], (neighbour) => {
        if (!seen.has(neighbour)) {
          seen.add(neighbour);
          group.push(neighbour);
        }
      });
    }
    groups.push(group);
  });
  groups.sort((a, b) => b.length - a.length || a[0].localeCompare(b[0]));
  const result = new Map<string, { component: number; size: number }>();
  groups.forEach((group, component) => group.forEach((node) => result.set(node, { component, size: group.length })));
  return result;
}

/**
 * Hubs link to many others (degree at least 5 and in the top twentieth); gatekeepers sit on
 * many shortest paths (betweenness in the top tenth of those on any); isolated places are
 * outside the main network and linked only to a single idea that reaches no other place or
 * organisation shared with another idea.
 */
function rolesOf(nodes: Omit<NetworkNode, "roles">[], ideasInComponent: Map<number, number>): Map<string, NodeRole[]> {
  const quantile = (values: number[], share: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] : Infinity;
  };
  const hubDegree = Math.max(
    5,
    quantile(
      nodes.map((node) => node.degree),
      0.95,
    ),
  );
  const bridging = nodes.map((node) => node.betweenness).filter((value) => value > 0);
  const gatekeeping = quantile(bridging, 0.9);
  return new Map(
    nodes.map((node) => {
      const roles: NodeRole[] = [];
      if (node.degree >= hubDegree) roles.push("hub");
      if (node.betweenness > 0 && node.betweenness >= gatekeeping) roles.push("gatekeeper");
      if (node.kind === "place" && node.component !== 0 && (ideasInComponent.get(node.component) ?? 0) <= 1) roles.push("isolated");
      return [node.id, roles];
    }),
  );
}

/**
 * Exact betweenness (graphology-metrics, Brandes' algorithm) costs a breadth-first search from
 * every node: fine for the few hundred nodes of a young exchange, minutes for ten thousand.
 * Above this many nodes it is estimated from a sample of sources instead.
 */
export const EXACT_BETWEENNESS_LIMIT = 1500;
export const BETWEENNESS_SAMPLE = 256;

/**
 * Brandes' accumulation from a sample of source nodes (Brandes and Pich, 2007), scaled up to
 * the whole graph and normalised as graphology-metrics does. With every node as a source it
 * is exact. Sources are picked by a fixed-seed shuffle, so the figures are stable.
 */
export function sampledBetweenness(graph: Graph, sampleSize: number): Record<string, number> {
  const ids = graph.nodes();
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  // Compressed adjacency: the neighbours of node i are targets[offsets[i] .. offsets[i + 1]).
  const offsets = new Int32Array(n + 1);
  ids.forEach((id, i) => (offsets[i + 1] = offsets[i] + graph.degree(id)));
  const targets = new Int32Array(offsets[n]);
  ids.forEach((id, i) => {
    let at = offsets[i];
    graph.forEachNeighbor(id, (neighbour) => (targets[at++] = index.get(neighbour)!));
  });
  const order = Array.from({ length: n }, (_, i) => i);
  let seed = 20260101;
  for (let i = n - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const sources = order.slice(0, Math.min(sampleSize, n));
  const centrality = new Float64Array(n);
  const sigma = new Float64Array(n);
  const distance = new Int32Array(n);
  const delta = new Float64Array(n);
  const stack = new Int32Array(n);
  const queue = new Int32Array(n);
  for (const source of sources) {
    sigma.fill(0);
    distance.fill(-1);
    delta.fill(0);
    sigma[source] = 1;
    distance[source] = 0;
    let head = 0;
    let tail = 0;
    let depth = 0;
    queue[tail++] = source;
    while (head < tail) {
      const v = queue[head++];
      stack[depth++] = v;
      for (let k = offsets[v]; k < offsets[v + 1]; k++) {
        const w = targets[k];
        if (distance[w] < 0) {
          distance[w] = distance[v] + 1;
          queue[tail++] = w;
        }
        if (distance[w] === distance[v] + 1) sigma[w] += sigma[v];
      }
    }
    while (depth > 0) {
      const w = stack[--depth];
      for (let k = offsets[w]; k < offsets[w + 1]; k++) {
        const v = targets[k];
        if (distance[v] === distance[w] - 1) delta[v] += (sigma[v] / sigma[w]) * (1 + delta[w]);
      }
      if (w !== source) centrality[w] += delta[w];
    }
  }
  // Each unordered pair is counted from both ends when every node is a source: scale the sample
  // up to n sources, then normalise by the (n - 1)(n - 2) ordered pairs of other nodes.
  const scale = n > 2 ? n / sources.length / ((n - 1) * (n - 2)) : 0;
  return Object.fromEntries(ids.map((id, i) => [id, centrality[i] * scale]));
}

function betweennessOf(graph: Graph): { values: Record<string, number>; sample: number | null } {
  if (graph.order <= 2) return { values: {}, sample: null };
  if (graph.order <= EXACT_BETWEENNESS_LIMIT) return { values: betweennessCentrality(graph, { normalized: true }), sample: null };
  return { values: sampledBetweenness(graph, BETWEENNESS_SAMPLE), sample: BETWEENNESS_SAMPLE };
}

export function buildNetwork(input: NetworkInput): Network {
  const graph = buildGraph(input);
  const { values: betweenness, sample } = betweennessOf(graph);
  const parts = components(graph);
  const bare = graph.mapNodes((id, attributes): Omit<NetworkNode, "roles"> => ({
    id,
    ...attributes,
    degree: graph.degree(id),
    betweenness: betweenness[id] ?? 0,
    component: parts.get(id)!.component,
    componentSize: parts.get(id)!.size,
  }));
  const ideasInComponent = new Map<number, number>();
  for (const node of bare) if (node.kind === "idea") ideasInComponent.set(node.component, (ideasInComponent.get(node.component) ?? 0) + 1);
  const roles = rolesOf(bare, ideasInComponent);
  const sizes = [...new Set([...parts.values()].map((part) => part.component))];
  return {
    nodes: bare.map((node) => ({ ...node, roles: roles.get(node.id)! })),
    edges: graph.mapEdges((_edge, attributes, source, target) => ({ source, target, kinds: attributes.kinds })),
    components: sizes.length,
    largestComponent: graph.order ? Math.max(...[...parts.values()].map((part) => part.size)) : 0,
    betweennessSample: sample,
  };
}

// ---------------------------------------------------------------------------------------
// Layout for the diagram: a force simulation run to rest on the server (deterministic: d3-force
// starts nodes on a phyllotaxis spiral and uses its own seeded random source). A diagram of
// thousands of shapes is neither readable nor quick to lay out, so it holds the most connected
// nodes only; the table has them all.

export const DIAGRAM_MAX_NODES = 300;

export type LaidOutNode = { id: string; x: number; y: number; r: number };
export type NetworkLayout = { nodes: LaidOutNode[]; edges: [number, number][]; width: number; height: number; shown: number; total: number };

/** The nodes the diagram shows, most connected first (the order they are drawn and tabbed through). */
export function diagramNodes(network: Network, maxNodes = DIAGRAM_MAX_NODES): NetworkNode[] {
  return [...network.nodes]
    .sort((a, b) => b.degree - a.degree || b.betweenness - a.betweenness || a.label.localeCompare(b.label) || a.id.localeCompare(b.id))
    .slice(0, maxNodes);
}

export function layoutNetwork(network: Network, options: { width: number; height: number; ticks?: number; maxNodes?: number }): NetworkLayout {
  type SimNode = SimulationNodeDatum & { id: string; r: number };
  const radius = (degree: number) => 4 + Math.sqrt(degree) * 2.2;
  const shown = diagramNodes(network, options.maxNodes);
  const index = new Map(shown.map((node, i) => [node.id, i]));
  const edges = network.edges.flatMap((edge): [number, number][] => {
    const a = index.get(edge.source);
    const b = index.get(edge.target);
    return a === undefined || b === undefined ? [] : [[a, b]];
  });
  const nodes: SimNode[] = shown.map((node) => ({ id: node.id, r: radius(node.degree) }));
  const links: SimulationLinkDatum<SimNode>[] = edges.map(([a, b]) => ({ source: a, target: b }));
  const simulation = forceSimulation(nodes)
    .force("link", forceLink<SimNode, SimulationLinkDatum<SimNode>>(links).distance(30).strength(0.7))
    .force("charge", forceManyBody().strength(-45).distanceMax(300))
    .force(
      "collide",
      forceCollide<SimNode>((node) => node.r + 2),
    )
    // Gentle gravity keeps the small components on the canvas.
    .force("x", forceX(0).strength(0.06))
    .force("y", forceY(0).strength(0.06))
    .stop();
  simulation.tick(options.ticks ?? 200);
  // Fit into the canvas, keeping the aspect ratio.
  const margin = 16;
  const xs = nodes.map((node) => node.x ?? 0);
  const ys = nodes.map((node) => node.y ?? 0);
  const [minX, maxX, minY, maxY] = [Math.min(...xs, 0), Math.max(...xs, 0), Math.min(...ys, 0), Math.max(...ys, 0)];
  const scale = Math.min((options.width - 2 * margin) / Math.max(1, maxX - minX), (options.height - 2 * margin) / Math.max(1, maxY - minY), 3);
  const offsetX = (options.width - (maxX - minX) * scale) / 2;
  const offsetY = (options.height - (maxY - minY) * scale) / 2;
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    width: options.width,
    height: options.height,
    nodes: nodes.map((node) => ({
      id: node.id,
      x: round(offsetX + ((node.x ?? 0) - minX) * scale),
      y: round(offsetY + ((node.y ?? 0) - minY) * scale),
      r: round(node.r),
    })),
    edges,
    shown: shown.length,
    total: network.nodes.length,
  };
}

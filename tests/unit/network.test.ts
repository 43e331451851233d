// The network measures against a graph small enough to work out by hand.
//
//            o (organisation of a and b)
//          /   \
//   p --- a     b --- r        s --- c       (a second, separate component)
//          \   /
//            q (a adopted here; b began here)
//
// Degree: a 3, b 3, o 2, q 2, p 1, r 1, c 1, s 1.
// Betweenness (unordered pairs, a share of 1 for each shortest path through the node):
//   a: p-o 1, p-q 1, p-b 1, p-r 1, o-q 1/2          = 4.5
//   b: r-o 1, r-q 1, r-a 1, r-p 1, o-q 1/2          = 4.5
//   o: p-b 1/2, p-r 1/2, a-b 1/2, a-r 1/2           = 2
//   q: the same as o                                = 2
//   p, r, c, s: 0
// Normalised by the number of pairs of other nodes, (N-1)(N-2)/2 = 7 x 6 / 2 = 21.
import { describe, expect, it } from "vitest";
import Graph from "graphology";
import betweennessCentrality from "graphology-metrics/centrality/betweenness.js";
import { buildNetwork, diagramNodes, layoutNetwork, placeSlug, sampledBetweenness, type NetworkInput } from "../../app/utils/network.server";

const shared = { key: "shed-trust", name: "Shed Trust", slug: "shed-trust" };

const input: NetworkInput = {
  ideas: [
    { slug: "a", title: "Idea A", originLocality: "Pennington", originCountry: "GB", organisation: shared },
    { slug: "b", title: "Idea B", originLocality: "Quarry Bank", originCountry: "GB", organisation: { ...shared, name: "Shed Trust" } },
    { slug: "c", title: "Idea C", originLocality: "Søby", originCountry: "DK", organisation: null },
  ],
  caseStudies: [
    { ideaSlug: "a", locality: "Quarry Bank", country: "GB", status: "adopted" },
    // The same pair again (a piloted where it began): one edge with two kinds.
    { ideaSlug: "a", locality: "Pennington", country: "GB", status: "piloting" },
    { ideaSlug: "b", locality: "Rhyl", country: "GB", status: "piloting" },
    { ideaSlug: "unknown", locality: "Nowhere", country: "GB", status: "adopted" },
  ],
  matches: [],
};

const byId = (network: ReturnType<typeof buildNetwork>) => new Map(network.nodes.map((node) => [node.id, node]));

describe("the adopter network", () => {
  const network = buildNetwork(input);
  const nodes = byId(network);
  const a = nodes.get("idea:a")!;
  const b = nodes.get("idea:b")!;
  const o = nodes.get("organisation:shed-trust")!;
  const p = nodes.get("place:pennington-gb")!;
  const q = nodes.get("place:quarry-bank-gb")!;
  const r = nodes.get("place:rhyl-gb")!;
  const s = nodes.get("place:soby-dk")!;
  const c = nodes.get("idea:c")!;

  it("has one node per idea, organisation and place, and one edge per linked pair", () => {
    expect(network.nodes).toHaveLength(8);
    expect(network.edges).toHaveLength(7);
    expect(network.edges.find((edge) => [edge.source, edge.target].sort().join() === "idea:a,place:pennington-gb")!.kinds).toEqual(["origin", "piloting"]);
    expect(nodes.has("place:nowhere-gb")).toBe(false);
    expect(p).toMatchObject({ kind: "place", label: "Pennington, GB", href: "/places/pennington-gb" });
    expect(o).toMatchObject({ kind: "organisation", label: "Shed Trust", href: "/organisations/shed-trust" });
  });

  it("computes each node's degree", () => {
    expect([a, b, o, q, p, r, c, s].map((node) => node.degree)).toEqual([3, 3, 2, 2, 1, 1, 1, 1]);
  });

  it("computes each node's betweenness, normalised", () => {
    expect(a.betweenness).toBeCloseTo(4.5 / 21, 10);
    expect(b.betweenness).toBeCloseTo(4.5 / 21, 10);
    expect(o.betweenness).toBeCloseTo(2 / 21, 10);
    expect(q.betweenness).toBeCloseTo(2 / 21, 10);
    for (const leaf of [p, r, c, s]) expect(leaf.betweenness).toBe(0);
  });

  it("finds the components and names the roles", () => {
    expect(network.components).toBe(2);
    expect(network.largestComponent).toBe(6);
    expect([a.component, a.componentSize, s.component, s.componentSize]).toEqual([0, 6, 1, 2]);
    // No node reaches the hub degree of 5; a and b carry the most shortest paths; Søby is cut off
    // (outside the main network, linked to one idea only).
    expect(network.nodes.filter((node) => node.roles.includes("hub"))).toEqual([]);
    expect(
      network.nodes
        .filter((node) => node.roles.includes("gatekeeper"))
        .map((node) => node.id)
        .sort(),
    ).toEqual(["idea:a", "idea:b"]);
    expect(network.nodes.filter((node) => node.roles.includes("isolated")).map((node) => node.id)).toEqual(["place:soby-dk"]);
  });

  it("calls a node with five or more links a hub, and a place in a small group of several ideas not isolated", () => {
    const star = buildNetwork({
      ideas: [
        { slug: "star", title: "Star", originLocality: "Hull", originCountry: "GB", organisation: shared },
        { slug: "x", title: "X", originLocality: "York", originCountry: "GB", organisation: null },
        { slug: "y", title: "Y", originLocality: "York", originCountry: "GB", organisation: null },
      ],
      caseStudies: ["Leeds", "Bath", "Ely", "Wells"].map((locality) => ({ ideaSlug: "star", locality, country: "GB", status: "adopted" as const })),
      matches: [],
    });
    const nodes = byId(star);
    expect(nodes.get("idea:star")!.degree).toBe(6);
    expect(nodes.get("idea:star")!.roles).toContain("hub");
    // York links two ideas: a separate group, but not an isolated place.
    expect(nodes.get("place:york-gb")!.component).not.toBe(0);
    expect(nodes.get("place:york-gb")!.roles).toEqual([]);
    expect(nodes.get("place:york-gb")!.betweenness).toBeCloseTo(1 / 36, 10); // on the one x-y path, of 9 x 8 / 2 pairs
  });

  it("links introductions to the commissioning organisation and adopted matches to the need's place", () => {
    const withMatches = buildNetwork({
      ...input,
      matches: [
        {
          ideaSlug: "c",
          status: "introduced",
          needLocality: "Rhyl",
          needCountry: "GB",
          needOrganisation: { key: "rhyl-council", name: "Rhyl Council", slug: null },
        },
        { ideaSlug: "c", status: "adopted", needLocality: "Rhyl", needCountry: "GB", needOrganisation: null },
      ],
    });
    const edges = withMatches.edges.map((edge) => `${[edge.source, edge.target].sort().join(" ")}: ${edge.kinds.join(", ")}`);
    expect(edges).toContain("idea:c organisation:rhyl-council: introduction");
    expect(edges).toContain("idea:c place:rhyl-gb: adopted, introduction");
    // Now one component: c reaches the rest through Rhyl.
    expect(withMatches.components).toBe(1);
  });

  it("estimates betweenness from sampled sources, exactly when every node is sampled", () => {
    const graph = new Graph({ type: "undirected" });
    for (const [a, b] of [
      ["p", "a"],
      ["a", "o"],
      ["a", "q"],
      ["b", "o"],
      ["b", "q"],
      ["b", "r"],
      ["c", "s"],
      ["q", "t"],
      ["t", "u"],
    ])
      graph.mergeEdge(a, b);
    const exact = betweennessCentrality(graph, { normalized: true });
    const sampled = sampledBetweenness(graph, graph.order);
    for (const node of graph.nodes()) expect(sampled[node]).toBeCloseTo(exact[node], 12);
    // From half the sources: an estimate, the same every time.
    expect(sampledBetweenness(graph, 5)).toEqual(sampledBetweenness(graph, 5));
  });

  it("gives places stable addresses", () => {
    expect(placeSlug("Tower Hamlets, London", "GB")).toBe("tower-hamlets-london-gb");
    expect(placeSlug("Samsø", null)).toBe("samso");
  });

  it("lays the diagram out inside the canvas, the same way every time", () => {
    const first = layoutNetwork(network, { width: 400, height: 300 });
    expect(first.nodes.map((node) => node.id)).toEqual(diagramNodes(network).map((node) => node.id));
    expect(first.nodes.slice(0, 2).map((node) => node.id)).toEqual(["idea:a", "idea:b"]); // most connected first
    expect(first.edges).toHaveLength(7);
    expect(layoutNetwork(network, { width: 400, height: 300, maxNodes: 3 })).toMatchObject({ shown: 3, total: 8 });
    const again = layoutNetwork(buildNetwork(input), { width: 400, height: 300 });
    expect(again).toEqual(first);
    for (const node of first.nodes) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.x).toBeLessThanOrEqual(400);
      expect(node.y).toBeGreaterThanOrEqual(0);
      expect(node.y).toBeLessThanOrEqual(300);
    }
  });
});

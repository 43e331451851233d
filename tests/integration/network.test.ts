// The adopter network from a real database (published rows only, introductions from match
// rows), the sortable table through /network's loader, and the place pages.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseStudies, matches, needs, organisations } from "../../db/schema";
import { importIdeas, importNeeds } from "../../app/models/exchange-import.server";
import { getNetwork, networkInput } from "../../app/models/network.server";
import { idea, ideaIdBySlug, ideaItems, insertIdeaWithStatus, need, needItems } from "./helpers";
import { buildRequest, importRoute, openHarness, type Harness, type RouteModule } from "./route-harness";

let harness: Harness;
let networkRoute: RouteModule;
let placeRoute: RouteModule;

beforeAll(async () => {
  harness = await openHarness();
  const { db } = harness.exchange;
  importIdeas(
    db,
    ideaItems([
      idea({
        slug: "time-banking",
        title: "Time banking",
        origin: { locality: "Washington, D.C.", country: "US" },
        organisation: "Timebanking UK",
        caseStudies: [
          { locality: "Gloucestershire", country: "GB", status: "adopted" },
          { locality: "Lewisham, London", country: "GB", status: "adopted" },
          { locality: "Rotherham", country: "GB", status: "stopped" },
        ],
      }),
      idea({
        slug: "casserole-club",
        title: "Casserole Club",
        origin: { locality: "Reigate and Banstead, Surrey", country: "GB" },
        organisation: "Shed Network",
        caseStudies: [{ locality: "Gloucestershire", country: "GB", year: 2014, status: "piloting" }],
      }),
    ]),
  );
  importNeeds(db, needItems([need({ slug: "lonely-in-leeds", title: "Lonely in Leeds", locality: "Leeds", country: "GB" })]));
  // A draft idea and a case study awaiting review are not part of the network.
  insertIdeaWithStatus(db, "draft", { slug: "draft-idea", title: "Draft", summary: "Not yet." });
  db.insert(caseStudies)
    .values({ ideaId: ideaIdBySlug(db, "time-banking"), locality: "Awaiting Town", status: "adopted", reviewStatus: "submitted" })
    .run();
  // A broker introduced Casserole Club to the commissioner's council, which adopted it.
  const council = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "northshire-council")).get()!;
  const leeds = db.select({ id: needs.id }).from(needs).where(eq(needs.slug, "lonely-in-leeds")).get()!;
  db.update(needs).set({ organisationId: council.id }).where(eq(needs.id, leeds.id)).run();
  db.insert(matches)
    .values({ needId: leeds.id, ideaId: ideaIdBySlug(db, "casserole-club"), status: "adopted", score: 80 })
    .run();
  networkRoute = await importRoute("network.tsx");
  placeRoute = await importRoute("places.$slug.tsx");
});

afterAll(async () => {
  await harness?.dispose();
});

type TableRow = { id: string; label: string; kind: string; degree: number; betweenness: number; href: string };

async function table(query: string) {
  const response = (await networkRoute.loader!({ request: buildRequest("GET", `/network${query}`), params: {}, context: {} })) as Response;
  return (await response.json()) as {
    rows: TableRow[];
    matchingRows: number;
    params: Record<string, unknown>;
    diagram: { nodes: { id: string }[]; edges: unknown[] };
  };
}

describe("the adopter network", () => {
  it("is built from published ideas, published adopted or piloting case studies and introductions", () => {
    const input = networkInput(harness.exchange.db);
    expect(input.ideas.map((row) => row.slug)).toEqual(["casserole-club", "published-idea", "time-banking"]);
    expect(input.caseStudies.map((row) => row.locality)).toEqual(["Gloucestershire", "Gloucestershire", "Lewisham, London"]);
    expect(input.matches).toEqual([
      {
        ideaSlug: "casserole-club",
        status: "adopted",
        needLocality: "Leeds",
        needCountry: "GB",
        needOrganisation: { key: "northshire-council", name: "Northshire Council", slug: "northshire-council" },
      },
    ]);
    const { network } = getNetwork(harness.exchange.db);
    const node = (id: string) => network.nodes.find((candidate) => candidate.id === id)!;
    // Gloucestershire joins the two ideas: it carries every path between their halves.
    expect(node("place:gloucestershire-gb").degree).toBe(2);
    expect(node("place:gloucestershire-gb").betweenness).toBeGreaterThan(node("idea:time-banking").betweenness / 2);
    expect(node("idea:casserole-club").degree).toBe(5); // origin, organisation, Gloucestershire, Leeds, the council
    expect(node("organisation:shed-network").href).toBe("/organisations/shed-network");
    // Named on a published idea, without an account: it has a profile all the same.
    expect(node("organisation:timebanking-uk").href).toBe("/organisations/timebanking-uk");
    expect(network.nodes.some((candidate) => candidate.id === "place:rotherham-gb")).toBe(false);
  });

  it("reuses the network until what it is built from changes", () => {
    const first = getNetwork(harness.exchange.db);
    expect(getNetwork(harness.exchange.db)).toBe(first);
  });

  it("sorts and filters the table by GET parameters", async () => {
    const byDegree = await table("?sort=degree");
    expect(byDegree.params).toMatchObject({ sort: "degree", dir: "desc", kind: "all" });
    expect(byDegree.rows[0].id).toBe("idea:casserole-club");
    const places = await table("?kind=place&sort=name&dir=asc");
    expect(places.rows.map((row) => row.label)).toEqual([
      "Gloucestershire, GB",
      "Kirklees, GB", // the harness's published idea began there
      "Leeds, GB",
      "Lewisham, London, GB",
      "Reigate and Banstead, Surrey, GB",
      "Washington, D.C., US",
    ]);
    const reversed = await table("?kind=place&sort=name&dir=desc");
    expect(reversed.rows.map((row) => row.label)).toEqual(places.rows.map((row) => row.label).reverse());
    // Nonsense falls back to the defaults rather than failing.
    expect((await table("?sort=bogus&kind=planet&page=-4")).params).toMatchObject({ sort: "betweenness", dir: "desc", kind: "all", page: 1 });
    // Organisations without an account, named on published ideas, link to their profile.
    const timebanking = (await table("?kind=organisation")).rows.find((row) => row.label === "Timebanking UK")!;
    expect(timebanking.href).toBe("/organisations/timebanking-uk");
  });

  it("lays the diagram out with every node when there are few", async () => {
    const { diagram, matchingRows } = await table("");
    expect(diagram.nodes).toHaveLength(matchingRows);
    expect(diagram.edges.length).toBeGreaterThan(0);
  });
});

describe("place pages", () => {
  async function place(slug: string) {
    try {
      return (await placeRoute.loader!({ request: buildRequest("GET", `/places/${slug}`), params: { slug }, context: {} })) as Response;
    } catch (thrown) {
      return thrown as Response;
    }
  }

  it("shows what was adopted or tried here, and what is being tried elsewhere in the country", async () => {
    const response = await place("gloucestershire-gb");
    expect(response.status).toBe(200);
    const data = (await response.json()) as {
      place: { name: string; countryName: string };
      studies: { ideaSlug: string; status: string }[];
      nearby: { locality: string; status: string }[];
      measures: { degree: number };
    };
    expect(data.place).toMatchObject({ name: "Gloucestershire", countryName: "United Kingdom" });
    expect(data.studies.map((study) => [study.ideaSlug, study.status])).toEqual([
      ["casserole-club", "piloting"],
      ["time-banking", "adopted"],
    ]);
    expect(data.nearby.map((study) => study.locality)).toEqual(["Lewisham, London"]);
    expect(data.measures.degree).toBe(2);
  });

  it("shows a place known only from a need, and 404s for a place the exchange does not know", async () => {
    const leeds = (await (await place("leeds-gb")).json()) as { needs: { slug: string }[] };
    expect(leeds.needs.map((row) => row.slug)).toEqual(["lonely-in-leeds"]);
    expect((await place("atlantis-xx")).status).toBe(404);
    expect((await place("awaiting-town")).status).toBe(404);
  });
});

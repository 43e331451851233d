// /insights and /insights/brokers through their loaders, on a real database: the figures come
// from published ideas, case studies, open needs, match rows and the audit log of real
// review decisions; the SVG charts are built on the server with a title and description.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matches, needs } from "../../db/schema";
import { decideIdea } from "../../app/models/review.server";
import { importIdeas, importNeeds } from "../../app/models/exchange-import.server";
import { brokerInsights, publicInsights } from "../../app/models/insights.server";
import { idea, ideaIdBySlug, ideaItems, need, needItems } from "./helpers";
import { buildRequest, importRoute, openHarness, type Harness, type RouteModule } from "./route-harness";
import { eq } from "drizzle-orm";

let harness: Harness;
let publicRoute: RouteModule;
let brokerRoute: RouteModule;

beforeAll(async () => {
  harness = await openHarness();
  const { db } = harness.exchange;
  importIdeas(
    db,
    ideaItems([
      idea({
        slug: "shared-lives",
        sectors: ["social-care", "ageing"],
        diffusionModels: ["franchise"],
        caseStudies: [
          { locality: "Leeds", year: 2012, status: "adopted" },
          { locality: "Derby", year: 2014, status: "piloting" },
        ],
      }),
      idea({
        slug: "repair-cafes",
        sectors: ["environment-climate"],
        diffusionModels: ["uncontrolled"],
        caseStudies: [{ locality: "Amsterdam", year: 2009, status: "adopted" }],
      }),
    ]),
  );
  importNeeds(
    db,
    needItems([
      need({ slug: "carers-breaks", title: "Breaks for carers", sectors: ["social-care"], diffusionModels: ["franchise"] }),
      need({ slug: "river-litter", title: "River litter", sectors: ["environment-climate"], diffusionModels: ["franchise"] }),
      need({ slug: "bus-deserts", title: "Bus deserts", sectors: ["transport"] }),
      need({ slug: "scored-need", title: "A need with a weak match", sectors: ["social-care"] }),
    ]),
  );
  const scored = db.select({ id: needs.id }).from(needs).where(eq(needs.slug, "scored-need")).get()!;
  db.insert(matches)
    .values({ needId: scored.id, ideaId: ideaIdBySlug(db, "shared-lives"), status: "suggested", score: 41 })
    .run();
  // A real review: the harness's submitted idea, published by the broker.
  decideIdea(db, harness.fixtures.users.broker.id, harness.fixtures.submittedIdeaId, { decision: "publish" });
  publicRoute = await importRoute("insights._index.tsx");
  brokerRoute = await importRoute("insights.brokers.tsx");
});

afterAll(async () => {
  await harness?.dispose();
});

describe("public insights", () => {
  it("finds the scouting gaps, with match rows where there are some and the sector fallback elsewhere", () => {
    const insights = publicInsights(harness.exchange.db);
    // In title order; "An open need" is the harness's, with an unadopted idea in its sector.
    expect(insights.gaps).toEqual([
      { slug: "scored-need", title: "A need with a weak match", sectors: ["social-care"], reason: "No suggested match scores 60 or more." },
      {
        slug: "open-need",
        title: "An open need",
        sectors: ["community-neighbourhoods"],
        reason: "Ideas in its sectors offer a route it accepts, but none has been adopted or has evidence at level 3 or above.",
      },
      { slug: "bus-deserts", title: "Bus deserts", sectors: ["transport"], reason: "No published idea in its sectors." },
      {
        slug: "river-litter",
        title: "River litter",
        sectors: ["environment-climate"],
        reason: "Ideas in its sectors offer none of the diffusion models it accepts.",
      },
    ]);
    const socialCare = insights.sectors.find((row) => row.sector === "social-care")!;
    expect(socialCare).toEqual({ sector: "social-care", ideas: 1, needs: 2, gaps: 1 });
    expect(insights.adoptions.years.map((year) => year.year)).toEqual([2009, 2010, 2011, 2012, 2013, 2014]);
    expect(insights.byModel.find((row) => row.model === "franchise")).toMatchObject({ adopted: 1, piloting: 1 });
  });

  it("serves accessible chart geometry to anyone", async () => {
    const data = (await publicRoute.loader!({ request: buildRequest("GET", "/insights"), params: {}, context: {} })) as Response;
    const body = (await data.json()) as {
      charts: Record<string, { kind: string; title: string; description: string; bars?: unknown[]; series: { path?: string }[] }>;
    };
    expect(body.charts.supply.kind).toBe("bar");
    expect(body.charts.supply.description).toBe(
      "Ageing has the most published ideas (2). Social care has the most open needs (2). 4 of 5 open needs have no good match.",
    );
    expect(body.charts.supply.bars).toHaveLength(5 * 3); // the five sectors with ideas or needs, three series
    expect(body.charts.time.kind).toBe("line");
    // Step lines from d3-shape: adopted (1 in 2009, 2 from 2012) rises once; piloting starts at 0.
    expect(body.charts.time.series.map((series) => (series as unknown as { key: string }).key)).toEqual(["adopted", "piloting", "stopped"]);
    // y(1) = 136 and y(2) = 12 on a 0-2 axis; 2012 is at x = 436.8.
    expect(body.charts.time.series[0].path).toMatch(/^M48,136L.*L436\.8,136L436\.8,12L/);
    expect(body.charts.time.series[1].path).toMatch(/^M48,260L/);
    expect(body.charts.model.title).toBe("Case studies by the diffusion models their idea offers");
  });
});

describe("broker insights", () => {
  it("times the review queues from the audit log and counts the funnel", () => {
    const insights = brokerInsights(harness.exchange.db, { brokerId: harness.fixtures.users.broker.id, serviceLevelDays: 5, now: new Date() });
    const ideasQueue = insights.queues.find((queue) => queue.itemType === "idea")!;
    expect(ideasQueue.decided).toBe(1);
    expect(ideasQueue.withinServiceLevel).toBe(1);
    expect(ideasQueue.medianDays).toBeLessThan(0.01);
    expect(insights.funnel.find((row) => row.status === "suggested")).toEqual({ status: "suggested", count: 1, reached: 1 });
  });

  it("is for brokers and admins only", async () => {
    const call = async (visitor: "public" | "innovator" | "broker" | "admin") => {
      const request = buildRequest("GET", "/insights/brokers", { cookie: await harness.cookieFor(visitor) });
      try {
        return (await brokerRoute.loader!({ request, params: {}, context: {} })) as Response;
      } catch (thrown) {
        return thrown as Response;
      }
    };
    const anonymous = await call("public");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/signin?redirectTo=%2Finsights%2Fbrokers");
    expect((await call("innovator")).status).toBe(403);
    const broker = await call("broker");
    expect(broker.status).toBe(200);
    const body = (await broker.json()) as { charts: { queues: { reference: { label: string } } } };
    expect(body.charts.queues.reference.label).toBe("Service level: 5 days");
    expect((await call("admin")).status).toBe(200);
  });
});

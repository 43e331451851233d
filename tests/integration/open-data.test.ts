// Open data: the downloads are what the routes serve (route modules called in-process),
// ideas.json round-trips through the CLI import into a fresh DATA_DIR, the CSV files parse
// back with csv-parse (the sibling of csv-stringify, which writes them) to the same values,
// and only public data is in any of them.
import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseStudies, needs } from "../../db/schema";
import { ideaFormat, needFormat, validateExchangeFile } from "../../app/domain/exchange-format";
import { exportIdeas, exportNeeds } from "../../app/models/exchange-export.server";
import { importIdeas, importNeeds } from "../../app/models/exchange-import.server";
import { listOpenCaseStudies, listOpenIdeas, listOpenNeeds } from "../../app/models/open-data.server";
import type { ExchangeContext } from "../../app/utils/exchange.server";
import { idea, ideaIdBySlug, ideaItems, insertIdeaWithStatus, need, needItems, openTestExchange, runCli, writeJson, type TestExchange } from "./helpers";
import { importRoute, type RouteModule } from "./route-harness";

const globalForExchange = globalThis as unknown as { __exchangeReady?: ExchangeContext };

let source: TestExchange;
let target: TestExchange;
const routes: Record<string, RouteModule> = {};

// Text that is easy to get wrong in CSV and JSON: separators, quotes, line breaks, unicode,
// and cells a spreadsheet would run as formulas.
const tricky = {
  title: 'Men’s sheds, "workshops" & more',
  summary: "Shared workshops; a place to talk,\nand to mend things — together.",
  problem: '=HYPERLINK("http://evil.example","click")',
};

beforeAll(async () => {
  [source, target] = await Promise.all([openTestExchange(), openTestExchange()]);
  importIdeas(
    source.db,
    ideaItems([
      idea({
        slug: "mens-sheds",
        ...tricky,
        solution: "Volunteers run it.\r\nNo fees.",
        evidence: "-20% loneliness scores",
        evidenceLevel: 2,
        sectors: ["ageing", "community-neighbourhoods"],
        typology: ["social"],
        diffusionModels: ["franchise", "uncontrolled"],
        lifecyclePhase: "embedding",
        origin: { locality: "Tongala, Victoria", country: "AU" },
        organisation: "UK Men's Sheds Association",
        costs: "@ about £2,000 a year",
        tags: ["loneliness", "older men"],
        caseStudies: [
          { locality: "Cork", country: "IE", year: 2011, status: "adopted", outcomes: 'Fewer GP visits, "better mood"', lessons: "Keep it member-led." },
          { locality: "Bolton", status: "piloting" },
        ],
      }),
      idea({ slug: "a-minimal-idea", summary: "Only the required keys." }),
    ]),
  );
  importNeeds(
    source.db,
    needItems([
      need({
        slug: "lonely-older-men",
        title: "Lonely older men, rural",
        problem: "+44 calls to the helpline, many from men living alone.",
        sectors: ["ageing"],
        locality: "Marlbury",
        country: "GB",
        budgetMin: 0,
        budgetMax: 20000,
        fundingRoutes: ["small-grant"],
        diffusionModels: ["franchise"],
        deadline: "2027-01-31",
      }),
    ]),
  );
  // Not public: a draft idea, a case study awaiting review, a closed need.
  insertIdeaWithStatus(source.db, "draft", { slug: "secret-draft", title: "A draft", summary: "Not yet." });
  source.db
    .insert(caseStudies)
    .values({ ideaId: ideaIdBySlug(source.db, "mens-sheds"), position: 2, locality: "Awaiting review town", status: "adopted", reviewStatus: "submitted" })
    .run();
  source.db
    .insert(needs)
    .values({ slug: "closed-need", title: "Closed", problem: "Done.", sectors: ["housing"], status: "closed" })
    .run();

  globalForExchange.__exchangeReady = source;
  for (const file of [
    "data.ideas[.]json.ts",
    "data.needs[.]json.ts",
    "data.ideas[.]csv.ts",
    "data.needs[.]csv.ts",
    "data.case-studies[.]csv.ts",
    "feed[.]atom.ts",
  ]) {
    routes[file] = await importRoute(file);
  }
});

afterAll(async () => {
  if (globalForExchange.__exchangeReady === source) delete globalForExchange.__exchangeReady;
  await Promise.all([source?.dispose(), target?.dispose()]);
});

async function download(file: string, pathname: string): Promise<Response> {
  const response = (await routes[file].loader!({ request: new Request(`http://exchange.test${pathname}`), params: {}, context: {} })) as Response;
  expect(response.status).toBe(200);
  return response;
}

describe("ideas.json", () => {
  it("is the exchange format, round-trips through `exchange import ideas` into a fresh DATA_DIR, and exports the same again", async () => {
    const response = await download("data.ideas[.]json.ts", "/data/ideas.json");
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="ideas.json"');
    const file: unknown = JSON.parse(await response.text());

    const validated = validateExchangeFile(ideaFormat, file);
    expect(validated.ok).toBe(true);
    expect(file).toEqual(exportIdeas(source.db));
    expect((file as { slug: string }[]).map((item) => item.slug)).toEqual(["a-minimal-idea", "mens-sheds"]);
    const sheds = (file as { slug: string; caseStudies?: { locality: string }[] }[]).find((item) => item.slug === "mens-sheds")!;
    expect(sheds.caseStudies!.map((study) => study.locality)).toEqual(["Cork", "Bolton"]);

    const written = writeJson(target.dataDir, "downloaded-ideas.json", file);
    const result = await runCli(["import", "ideas", written], target.dataDir);
    expect(result.stderr).not.toMatch(/problem|error/i);
    expect(result.code).toBe(0);
    expect(exportIdeas(target.db)).toEqual(file);
    fs.rmSync(written);
  });

  it("needs.json round-trips the same way", async () => {
    const file: unknown = JSON.parse(await (await download("data.needs[.]json.ts", "/data/needs.json")).text());
    expect(validateExchangeFile(needFormat, file).ok).toBe(true);
    expect((file as { slug: string }[]).map((item) => item.slug)).toEqual(["lonely-older-men"]);
    const validated = validateExchangeFile(needFormat, file);
    if (!validated.ok) throw new Error("invalid");
    importNeeds(target.db, validated.items);
    expect(exportNeeds(target.db)).toEqual(file);
  });
});

type CsvRecord = Record<string, string>;

async function csv(file: string, pathname: string): Promise<{ text: string; records: CsvRecord[] }> {
  const response = await download(file, pathname);
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await response.arrayBuffer());
  // The byte order mark that tells Excel the file is UTF-8 (Response.text() would hide it).
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return { text, records: parse(text, { bom: true, columns: true, relax_column_count: false }) as CsvRecord[] };
}

describe("CSV downloads", () => {
  it("ideas.csv parses back to the published ideas, with lists joined and formulas neutralised", async () => {
    const { text, records } = await csv("data.ideas[.]csv.ts", "/data/ideas.csv");
    expect(text.startsWith("\uFEFFslug,title,url,")).toBe(true);
    expect(text).toContain("\r\n");
    expect(records.map((record) => record.slug)).toEqual(["a-minimal-idea", "mens-sheds"]);
    const sheds = records[1];
    const row = listOpenIdeas(source.db).find((item) => item.slug === "mens-sheds")!;
    expect(sheds.title).toBe(tricky.title);
    expect(sheds.summary).toBe(tricky.summary);
    expect(sheds.solution).toBe("Volunteers run it.\r\nNo fees.");
    expect(sheds.problem).toBe(`'${tricky.problem}`);
    expect(sheds.evidence).toBe("'-20% loneliness scores");
    expect(sheds.costs).toBe("'@ about £2,000 a year");
    expect(sheds.url).toBe("http://exchange.test/ideas/mens-sheds");
    expect(sheds.sectors).toBe("ageing; community-neighbourhoods");
    expect(sheds.diffusionModels).toBe("franchise; uncontrolled");
    expect(sheds.tags).toBe("loneliness; older men");
    expect(sheds.evidenceLevel).toBe("2");
    expect(sheds.caseStudies).toBe("2");
    expect(sheds.adoptions).toBe("1");
    expect(sheds.publishedAt).toBe(row.publishedAt!.toISOString());
    expect(records[0].evidenceLevel).toBe("");
    expect(text).not.toContain("secret-draft");
  });

  it("case-studies.csv has only the published case studies of published ideas, in order", async () => {
    const { records } = await csv("data.case-studies[.]csv.ts", "/data/case-studies.csv");
    const studyId = (locality: string) => source.db.select({ id: caseStudies.id }).from(caseStudies).where(eq(caseStudies.locality, locality)).get()!.id;
    expect(records).toEqual([
      {
        ideaSlug: "mens-sheds",
        ideaTitle: tricky.title,
        ideaUrl: "http://exchange.test/ideas/mens-sheds",
        position: "1",
        locality: "Cork",
        country: "IE",
        year: "2011",
        status: "adopted",
        outcomes: 'Fewer GP visits, "better mood"',
        lessons: "Keep it member-led.",
        url: `http://exchange.test/ideas/mens-sheds/case-studies/${studyId("Cork")}`,
      },
      {
        ideaSlug: "mens-sheds",
        ideaTitle: tricky.title,
        ideaUrl: "http://exchange.test/ideas/mens-sheds",
        position: "2",
        locality: "Bolton",
        country: "",
        year: "",
        status: "piloting",
        outcomes: "",
        lessons: "",
        url: `http://exchange.test/ideas/mens-sheds/case-studies/${studyId("Bolton")}`,
      },
    ]);
    expect(listOpenCaseStudies(source.db)).toHaveLength(2);
  });

  it("needs.csv has only open needs, numbers as numbers", async () => {
    const { records } = await csv("data.needs[.]csv.ts", "/data/needs.csv");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      slug: "lonely-older-men",
      title: "Lonely older men, rural",
      problem: "'+44 calls to the helpline, many from men living alone.",
      budgetMin: "0",
      budgetMax: "20000",
      fundingRoutes: "small-grant",
      deadline: "2027-01-31",
      url: "http://exchange.test/needs/lonely-older-men",
    });
    expect(listOpenNeeds(source.db).map((row) => row.slug)).toEqual(["lonely-older-men"]);
  });
});

describe("the Atom feed", () => {
  it("lists new case studies and open needs, escaped, with stable ids", async () => {
    const response = await download("feed[.]atom.ts", "/feed.atom");
    expect(response.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await response.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true);
    const entries = xml.split("<entry>").slice(1);
    expect(entries).toHaveLength(3);
    expect(xml).toContain('<title type="text">Case study: Men’s sheds, &quot;workshops&quot; &amp; more in Cork, IE (adopted)</title>');
    expect(xml).toContain("<id>tag:exchange.test,2026:case-study/mens-sheds/cork-ie-2011</id>");
    // A case study's entry links to its own page.
    const cork = source.db.select({ id: caseStudies.id }).from(caseStudies).where(eq(caseStudies.locality, "Cork")).get()!.id;
    expect(xml).toContain(`<link rel="alternate" type="text/html" href="http://exchange.test/ideas/mens-sheds/case-studies/${cork}"/>`);
    expect(xml).toContain("<id>tag:exchange.test,2026:need/lonely-older-men</id>");
    expect(xml).toContain('<link rel="alternate" type="text/html" href="http://exchange.test/needs/lonely-older-men"/>');
    expect(xml).not.toContain("Awaiting review town");
    expect(xml).not.toContain("closed-need");
    // Every element opened is closed, and no raw markup leaked from the data.
    for (const tag of ["feed", "entry", "title", "id", "updated", "summary"]) {
      expect(xml.match(new RegExp(`<${tag}[ >]`, "g"))?.length).toBe(xml.match(new RegExp(`</${tag}>`, "g"))?.length);
    }
  });
});

// The exchange CLI (scripts/exchange.ts) run as a real child process on this file's DATA_DIR.
// The test process holds the DATA_DIR's Meilisearch server; each CLI run attaches to it.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ideas, organisations, searchOutbox, users } from "../../db/schema";
import { exportIdeas } from "../../app/models/exchange-export.server";
import { getUserByEmail, verifyUserPassword } from "../../app/models/users.server";
import { isMeiliHealthy } from "../../search/client";
import { countRows, idea, need, openTestExchange, runCli, writeJson, type TestExchange } from "./helpers";

let exchange: TestExchange;
let files: string;

beforeAll(async () => {
  exchange = await openTestExchange();
  files = fs.mkdtempSync(path.join(exchange.dataDir, "files-"));
});

afterAll(async () => {
  await exchange?.dispose();
});

const goodIdeas = [
  idea({
    slug: "shared-lives",
    title: "Shared lives carers",
    summary: "Adults who need support live with a trained carer's family.",
    sectors: ["social-care"],
    diffusionModels: ["franchise"],
  }),
  idea({
    slug: "circles-of-support",
    title: "Circles of support",
    summary: "Volunteers form a circle around a person released from prison.",
    sectors: ["criminal-justice"],
    diffusionModels: ["uncontrolled", "growth"],
    caseStudies: [{ locality: "Thames Valley", country: "GB", status: "adopted" }],
  }),
];

describe("exchange import", () => {
  it("rejects a file with one bad item, names the problem, and writes nothing", async () => {
    const file = writeJson(files, "mixed.json", [
      goodIdeas[0],
      { ...goodIdeas[1], slug: "bad-circles", summary: undefined, colour: "blue", origin: { town: "Reading" } },
    ]);
    const result = await runCli(["import", "ideas", file], exchange.dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: 3 problem(s); nothing was imported.`);
    expect(result.stderr).toContain("item 1 (bad-circles): summary is required");
    expect(result.stderr).toContain("item 1 (bad-circles): colour is not a key of the exchange format");
    expect(result.stderr).toContain("item 1 (bad-circles): origin.town is not a key of the exchange format");
    expect(result.stderr).not.toContain("item 0");
    expect(countRows(exchange.db, ideas)).toBe(0);
    expect(countRows(exchange.db, searchOutbox)).toBe(0);
    const { totalHits } = await exchange.meili.index("ideas").search("", { hitsPerPage: 1 });
    expect(totalHits).toBe(0);
  });

  it("imports a valid file, and its items are searchable when the command returns", async () => {
    const file = writeJson(files, "ideas.json", goodIdeas);
    const result = await runCli(["import", "ideas", file], exchange.dataDir);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Imported 2 ideas: 2 new, 0 updated; all searchable.");

    // Straight to Meilisearch, without relaying anything from this process.
    const hits = await exchange.meili.index("ideas").search("prison", { attributesToRetrieve: ["slug", "status"] });
    expect(hits.hits).toEqual([{ slug: "circles-of-support", status: "published" }]);
    const typo = await exchange.meili.index("ideas").search("carrers famly");
    expect(typo.hits.map((hit) => hit.slug)).toEqual(["shared-lives"]);
    const outbox = exchange.db.select().from(searchOutbox).all();
    expect(outbox).toHaveLength(2);
    expect(outbox.every((row) => row.doneAt !== null)).toBe(true);

    // The CLI released the server on exit; this process still holds it.
    expect(await isMeiliHealthy(exchange.meili.config.host)).toBe(true);
  });

  it("imports needs", async () => {
    const file = writeJson(files, "needs.json", [
      need({ slug: "safer-night-streets", title: "Safer streets at night", problem: "Assaults rise after pubs close.", sectors: ["community-safety"] }),
    ]);
    const result = await runCli(["import", "needs", file], exchange.dataDir);
    expect(result.code).toBe(0);
    const { hits } = await exchange.meili.index("needs").search("pubs");
    expect(hits.map((hit) => hit.slug)).toEqual(["safer-night-streets"]);
  });
});

describe("exchange export", () => {
  it("writes published ideas to --out in the exchange format", async () => {
    const out = path.join(files, "export.json");
    const result = await runCli(["export", "ideas", "--out", out], exchange.dataDir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Exported 2 ideas to ${out}`);
    const written = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(written).toEqual(exportIdeas(exchange.db));
    expect(written.map((item: { slug: string }) => item.slug)).toEqual(["circles-of-support", "shared-lives"]);
    expect(written[0]).toEqual({ ...goodIdeas[1] });
  });
});

describe("exchange create-user", () => {
  it("creates an account whose password verifies, with its organisation", async () => {
    const result = await runCli(
      [
        "create-user",
        "--email",
        "Ada@Example.org",
        "--role",
        "broker",
        "--password",
        "correct horse 42",
        "--name",
        "Ada",
        "--organisation",
        "Kirklees Council",
      ],
      exchange.dataDir,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created broker ada@example.org");
    expect(result.stdout).not.toContain("correct horse 42");
    const user = getUserByEmail(exchange.db, "ada@example.org")!;
    expect(user).toMatchObject({ email: "ada@example.org", displayName: "Ada", role: "broker" });
    expect(user.passwordHash).not.toContain("correct horse 42");
    expect(await verifyUserPassword(exchange.db, "ada@example.org", "correct horse 42")).toMatchObject({ id: user.id });
    expect(await verifyUserPassword(exchange.db, "ada@example.org", "wrong password")).toBeNull();
    const organisation = exchange.db.select().from(organisations).where(eq(organisations.id, user.organisationId!)).get();
    expect(organisation).toMatchObject({ name: "Kirklees Council", slug: "kirklees-council" });
  });

  it("generates a password when none is given, and refuses an email that is taken", async () => {
    // Independent runs: side by side.
    const [generated, taken] = await Promise.all([
      runCli(["create-user", "--email", "grace@example.org", "--role", "commissioner"], exchange.dataDir),
      runCli(["create-user", "--email", "ADA@example.org", "--role", "innovator", "--password", "another-password"], exchange.dataDir),
    ]);
    expect(generated.code).toBe(0);
    const password = /with password (\S+)/.exec(generated.stdout)?.[1];
    expect(password).toBeDefined();
    expect(password!.length).toBeGreaterThanOrEqual(8);
    expect(await verifyUserPassword(exchange.db, "grace@example.org", password!)).not.toBeNull();

    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("error: An account with this email address already exists");
    expect(countRows(exchange.db, users)).toBe(2);
    expect(getUserByEmail(exchange.db, "ada@example.org")!.role).toBe("broker");
  });
});

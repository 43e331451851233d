import { describe, expect, it } from "vitest";
import { mixMultiSearchBody, parseQueryMixFile } from "../../bench/query-mix";

describe("a query mix from a file (npm run bench -- --queries FILE)", () => {
  it("reads one /ideas query string per line and sorts them into plain, filtered and browse", () => {
    const mix = parseQueryMixFile("# my mix\nq=loneliness\n\n/ideas?q=reoffending&sector=criminal-justice\n?sector=health&page=2\n");
    expect(mix.map((entry) => entry.kind)).toEqual(["plain", "filtered", "browse"]);
    expect(mix[1].params).toEqual([
      ["q", "reoffending"],
      ["sector", "criminal-justice"],
    ]);
    // The raw Meilisearch baseline gets the same multi-search the app would send.
    expect(JSON.parse(mixMultiSearchBody(mix[1], true)).queries[0].filter).toContainEqual(['sectors = "criminal-justice"']);
  });

  it("refuses a line that is not an idea search, naming the line", () => {
    expect(() => parseQueryMixFile("q=ok\nsector=nonsense\n")).toThrow(/Line 2 of the query file is not an idea search/);
    expect(() => parseQueryMixFile("# nothing\n")).toThrow("The query file has no searches in it");
  });
});

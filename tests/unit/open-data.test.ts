import { describe, expect, it } from "vitest";
import { absoluteUrl, csvCell, escapeXml, neutraliseCell, renderAtom } from "../../app/domain/open-data";

describe("CSV cells", () => {
  it("prefixes text a spreadsheet would run as a formula, and nothing else", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(neutraliseCell(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutraliseCell("Fewer falls = fewer admissions")).toBe("Fewer falls = fewer admissions");
    expect(neutraliseCell("")).toBe("");
  });

  it("joins lists, keeps numbers as numbers and writes nothing for null", () => {
    expect(csvCell(["ageing", "health"])).toBe("ageing; health");
    expect(csvCell(["-x"])).toBe("'-x");
    expect(csvCell(-3)).toBe(-3);
    expect(csvCell(0)).toBe(0);
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("builds absolute links from a base with or without a trailing slash", () => {
    expect(absoluteUrl("https://exchange.example", "/ideas/a")).toBe("https://exchange.example/ideas/a");
    expect(absoluteUrl("https://exchange.example/", "/ideas/a")).toBe("https://exchange.example/ideas/a");
  });
});

describe("Atom", () => {
  it("escapes markup and drops characters XML cannot hold", () => {
    expect(escapeXml(`<b>"Tom" & 'Jerry'</b>\u0000\u0007\u001F ok\n`)).toBe("&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt; ok\n");
  });

  it("uses the newest entry as the feed's updated time, and now when it is empty", () => {
    const feed = {
      id: "https://x.example/feed.atom",
      title: "T",
      subtitle: "S",
      selfLink: "https://x.example/feed.atom",
      alternateLink: "https://x.example/data",
      author: "A",
    };
    const entry = (id: string, at: string) => ({ id, title: id, link: `https://x.example/${id}`, updated: new Date(at), summary: "s", categories: [] });
    const xml = renderAtom({ ...feed, entries: [entry("a", "2026-01-02T00:00:00Z"), entry("b", "2026-03-04T00:00:00Z")] }, new Date("2026-05-06T00:00:00Z"));
    expect(xml).toContain('  <updated>2026-03-04T00:00:00.000Z</updated>\n  <link rel="self"');
    const empty = renderAtom({ ...feed, entries: [] }, new Date("2026-05-06T00:00:00Z"));
    expect(empty).toContain("<updated>2026-05-06T00:00:00.000Z</updated>");
    expect(empty).not.toContain("<entry>");
  });
});

// Through real HTTP, against the production build served by scripts/server.ts (issue 6, items
// 7, 8 and 9): security headers, the Origin check on every non-GET request, the session
// cookie's attributes, local-only redirects, a stored-XSS corpus sent through every text field
// of the idea form (and the case study, name and organisation fields) that must render inert
// on every page showing it, and no trace of the Meilisearch master key in the client assets
// or any page.
import fs from "node:fs";
import path from "node:path";
import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { organisationSlug } from "../../app/domain/admin-forms";
import { createUser } from "../../app/models/users.server";
import { startProductionServer, type ProductionServer } from "./production-server";

let server: ProductionServer;
/** Every HTML page fetched, for the master-key scan. */
const pages: { label: string; body: string }[] = [];

beforeAll(async () => {
  server = await startProductionServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

type Jar = { cookie: string };

async function http(
  pathname: string,
  options: { method?: "GET" | "POST"; form?: Record<string, string | string[]>; jar?: Jar; headers?: Record<string, string>; origin?: string | null } = {},
): Promise<Response> {
  const method = options.method ?? (options.form ? "POST" : "GET");
  const headers = new Headers(options.headers);
  if (options.jar?.cookie) headers.set("Cookie", options.jar.cookie);
  let body: URLSearchParams | undefined;
  if (method === "POST") {
    body = new URLSearchParams();
    for (const [name, value] of Object.entries(options.form ?? {})) for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    // What a browser sends with a same-origin form post, unless a test says otherwise.
    if (options.origin !== null) headers.set("Origin", options.origin ?? server.url);
  }
  const response = await fetch(`${server.url}${pathname}`, { method, headers, body, redirect: "manual" });
  const setCookie = response.headers.get("Set-Cookie");
  if (options.jar && setCookie) options.jar.cookie = setCookie.split(";")[0];
  return response;
}

/** The part of a response that says what went wrong (a form's errors, or the start of the body). */
async function brief(response: Response): Promise<string> {
  const body = await response.clone().text();
  const at = body.search(/"error":\{"|"formErrors"|There is a problem/);
  return body.slice(Math.max(0, at), Math.max(0, at) + 600);
}

async function page(pathname: string, jar?: Jar): Promise<string> {
  const response = await http(pathname, { jar });
  expect(response.status, pathname).toBe(200);
  expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
  const body = await response.text();
  pages.push({ label: pathname, body });
  return body;
}

async function signUp(role: "innovator" | "commissioner", fields: { displayName?: string; organisation?: string } = {}): Promise<Jar & { email: string }> {
  const jar = { cookie: "", email: `${role}-${Math.random().toString(36).slice(2)}@http.example` };
  const response = await http("/signup", {
    jar,
    form: {
      displayName: fields.displayName ?? `A ${role}`,
      email: jar.email,
      password: "correct horse battery staple",
      role,
      organisation: fields.organisation ?? "",
    },
  });
  expect(response.status).toBe(302);
  return jar;
}

describe("security headers", () => {
  it("are on pages, static assets and errors, with HSTS in production", async () => {
    const responses = [await http("/"), await http("/favicon.svg"), await http("/no-such-page"), await http("/api/ideas")];
    for (const response of responses) {
      const headers = response.headers;
      const csp = headers.get("Content-Security-Policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("base-uri 'self'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toMatch(/script-src[^;]*\*/);
      expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
      expect(headers.get("X-Frame-Options")).toBe("DENY");
      expect(headers.get("Strict-Transport-Security")).toMatch(/max-age=\d{8,}/);
      expect(headers.get("X-Powered-By")).toBeNull();
    }
  });

  it("let only scripts carrying this response's CSP nonce run: no 'unsafe-inline' scripts", async () => {
    const first = await http("/ideas");
    const second = await http("/ideas");
    const nonceOf = (response: Response) => /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(response.headers.get("Content-Security-Policy") ?? "")?.[1];
    const nonce = nonceOf(first);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second)).not.toBe(nonce);
    expect(/script-src[^;]*'unsafe-inline'/.test(first.headers.get("Content-Security-Policy") ?? "")).toBe(false);
    const html = await first.text();
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)].map((match) => match[1]);
    expect(inline.length).toBeGreaterThanOrEqual(2);
    for (const attributes of inline) expect(attributes).toContain(`nonce="${nonce}"`);
  });
});

describe("the Origin check", () => {
  it("refuses a cross-site POST before any route sees it", async () => {
    for (const origin of ["https://evil.example", "null", "http://127.0.0.1.evil.example", "not a url"]) {
      const response = await http("/signin", { form: { email: "a@b.example", password: "whatever-it-is" }, origin });
      expect(response.status, origin).toBe(403);
      expect(await response.text()).toBe("Cross-origin request refused");
    }
    // Without Origin, Fetch Metadata still tells a browser's cross-site request apart.
    const fetchMetadata = await http("/signout", { method: "POST", origin: null, headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(fetchMetadata.status).toBe(403);
  });

  it("applies to every non-GET method and every route, signed in or not", async () => {
    const jar = await signUp("innovator");
    for (const pathname of ["/signout", "/my/ideas/new", "/account/settings", "/notifications", "/admin", "/api/ideas"]) {
      for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
        const response = await fetch(`${server.url}${pathname}`, {
          method,
          headers: { Origin: "https://evil.example", Cookie: jar.cookie },
          redirect: "manual",
        });
        expect(response.status, `${method} ${pathname}`).toBe(403);
      }
    }
    // Still signed in: the refused sign-out did nothing.
    expect((await http("/account", { jar })).status).toBe(200);
  });

  it("lets same-origin posts through", async () => {
    const response = await http("/signin", { form: { email: "nobody@http.example", password: "a wrong password" } });
    expect(response.status).toBe(400);
  });
});

describe("the session cookie", () => {
  it("is __Host- prefixed, Secure, HttpOnly, SameSite=Lax and Path=/ in production, and new at every sign-in", async () => {
    const jar = await signUp("commissioner");
    const response = await http("/signin", { form: { email: jar.email, password: "correct horse battery staple" } });
    expect(response.status).toBe(302);
    const cookie = response.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^__Host-exchange_session=[a-z0-9]+;/);
    for (const attribute of ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"]) expect(cookie).toContain(attribute);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(cookie.split(";")[0]).not.toBe(jar.cookie);
    const signout = await http("/signout", { method: "POST", jar: { cookie: cookie.split(";")[0] } });
    expect(signout.headers.get("Set-Cookie")).toMatch(/^__Host-exchange_session=;.*Max-Age=0/);
  });
});

describe("redirects", () => {
  it("after sign-in go only to local paths", async () => {
    const jar = await signUp("commissioner");
    const cases: [string, string][] = [
      ["/needs?q=care", "/needs?q=care"],
      ["//evil.example/steal", "/account"],
      ["https://evil.example/", "/account"],
      ["/\\evil.example", "/account"],
      ["/\t/evil.example", "/account"],
      ["javascript:alert(1)", "/account"],
    ];
    for (const [redirectTo, expected] of cases) {
      const response = await http("/signin", { form: { email: jar.email, password: "correct horse battery staple", redirectTo } });
      expect(response.status, redirectTo).toBe(302);
      expect(response.headers.get("Location"), redirectTo).toBe(expected);
    }
  });
});

// ---------------------------------------------------------------------------------------
// Stored XSS

/** Each vector is a classic way to run script from stored text, in HTML or in Markdown. */
const vectors = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "[click me](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[entity](&#106;avascript:alert(1))",
  '<a href="javascript:alert(1)">link</a>',
  "<svg onload=alert(1)><circle/></svg>",
  "<svg><script>alert(1)</script></svg>",
  '![img](x" onerror="alert(1))',
  "<iframe src=javascript:alert(1)></iframe>",
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  "</textarea><script>alert(1)</script>",
  "</script><script>alert(1)</script>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<details open ontoggle=alert(1)>",
  "<style>@import 'javascript:alert(1)';</style>",
  "'-alert(1)-'\u2028\u2029",
];

/** Chunks of the corpus that fit the shortest (200-character) fields, with room for a marker. */
function chunks(limit: number): string[] {
  const result: string[] = [];
  let current = "";
  for (const vector of vectors) {
    if (current && current.length + vector.length + 1 > limit) {
      result.push(current);
      current = "";
    }
    current = current ? `${current} ${vector}` : vector;
  }
  if (current) result.push(current);
  return result;
}

const shortFields = ["title", "originLocality", "organisation", "uncontrolledLicence"];
const longFields = [
  "summary",
  "problem",
  "solution",
  "evidence",
  "costs",
  "uncontrolledReplicationPack",
  "franchiseFeeModel",
  "franchiseCoreElements",
  "franchiseAdaptableElements",
  "takeoverTerms",
  "growthCapacity",
  "growthInvestmentNeeded",
];
const caseStudyFields = ["locality", "outcomes", "lessons"];
const marker = (field: string, round: number) => `XSS${field}R${round}X`;

/** Problems that would let stored text run script; none is allowed. */
function scriptableParts(html: string): string[] {
  const problems: string[] = [];
  const document = parseDocument(html, { decodeEntities: true, lowerCaseAttributeNames: true, lowerCaseTags: true });
  const urlAttributes = new Set(["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background", "ping", "srcdoc"]);
  const forbiddenElements = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "base", "math"]);
  const visit = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type !== "tag" && node.type !== "script" && node.type !== "style") continue;
      const element = node as Element;
      const name = element.name;
      if (forbiddenElements.has(name)) problems.push(`<${name}> element`);
      for (const [attribute, raw] of Object.entries(element.attribs)) {
        if (attribute.startsWith("on")) problems.push(`<${name} ${attribute}=…> event handler`);
        const value = raw.replace(/[\u0000-\u0020]/g, "").toLowerCase();
        if (urlAttributes.has(attribute) && /^(javascript|vbscript|data):/.test(value)) problems.push(`<${name} ${attribute}="${raw}">`);
        if (name === "meta" && attribute === "http-equiv" && value === "refresh") problems.push("<meta http-equiv=refresh>");
      }
      if (name === "script") {
        const src = element.attribs.src;
        const text = element.children.map((child) => ("data" in child ? child.data : "")).join("");
        if (src !== undefined) {
          if (!src.startsWith("/build/")) problems.push(`<script src="${src}">`);
        } else if (/<[a-z!/]/i.test(text)) {
          problems.push(`inline script with markup in it: ${text.slice(0, 80)}`);
        } else if (/alert\(/.test(text) && !/^\s*window\.__remix/.test(text)) {
          problems.push(`inline script running stored text: ${text.slice(0, 80)}`);
        }
      }
      if (name === "style" && /alert|javascript:|expression\(/i.test(element.children.map((child) => ("data" in child ? child.data : "")).join(""))) {
        problems.push("<style> from stored text");
      }
      if (name === "svg" && element.children.some((child) => child.type === "script")) problems.push("<svg> with a script");
      visit(element.children);
    }
  };
  visit(document.children);
  return problems;
}

function textOf(html: string): string {
  // The markers travel in the visible text; scripts (Remix's data) are left out.
  const document = parseDocument(html);
  const parts: string[] = [];
  const visit = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type === "text") parts.push(node.data);
      else if (node.type === "tag") {
        parts.push(Object.values((node as Element).attribs).join(" "));
        visit((node as Element).children);
      } else if (node.type === "style") continue;
    }
  };
  visit(document.children);
  return parts.join(" ");
}

describe("a stored-XSS corpus", () => {
  it("checks itself: the checker finds live script in unescaped payloads", () => {
    for (const vector of [
      "<script>alert(1)</script>",
      '"><img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      "<svg onload=alert(1)>",
      "<iframe></iframe>",
    ]) {
      expect(scriptableParts(`<html><body><p>${vector}</p></body></html>`), vector).not.toEqual([]);
    }
    expect(scriptableParts('<p>&lt;script&gt;alert(1)&lt;/script&gt; <a href="/ideas">ok</a></p>')).toEqual([]);
  });

  it("sent through every text field renders inert on every page that shows it", async () => {
    const organisation = `XSSorgX <script>alert(1)</script>"><img src=x onerror=alert(1)>`;
    const innovator = await signUp("innovator", { displayName: `XSSnameX <img src=x onerror=alert(1)> <script>alert(1)</script>`, organisation });
    const rounds = chunks(200 - "XSSuncontrolledLicenceR9X ".length);
    const created: { slug: string; id: number }[] = [];

    for (const [round, chunk] of rounds.entries()) {
      const form: Record<string, string | string[]> = {
        sectors: ["ageing"],
        diffusionModels: ["uncontrolled", "franchise", "takeover", "growth"],
        takeoverTransfers: ["staff"],
        franchiseAdoptersPerYear: "3",
        originCountry: "GB",
        tags: `${marker("tags", round)}, <script>alert(1)</script>, javascript:alert(1)`,
        intent: "submit",
      };
      for (const field of shortFields) form[field] = `${marker(field, round)} ${chunk}`;
      for (const field of longFields) form[field] = `${marker(field, round)} ${vectors.join("\n\n")}`.slice(0, 2000);
      const response = await http("/my/ideas/new", { jar: innovator, form });
      expect(response.status, await brief(response)).toBe(302);
      const slug = new URL(response.headers.get("Location")!, server.url).pathname.split("/").pop()!;

      const caseStudy: Record<string, string> = { intent: "add-case-study", status: "adopted", year: "2020", country: "GB" };
      for (const field of caseStudyFields) caseStudy[field] = `${marker(field, round)} ${field === "locality" ? chunk : vectors.join("\n")}`;
      const added = await http(`/my/ideas/${slug}`, { jar: innovator, form: caseStudy });
      expect(added.status, await brief(added)).toBe(200);
      created.push({ slug, id: 0 });
    }

    // A broker, made as the CLI would, reviews and publishes every one.
    const database = openDatabase(server.dataDir);
    try {
      await createUser(database.db, { email: "broker@http.example", password: "correct horse battery staple", displayName: "Bea Broker", role: "broker" });
      for (const item of created) {
        item.id = database.db.$client.prepare("select id from ideas where slug = ?").pluck().get(item.slug) as number;
      }
    } finally {
      database.close();
    }
    const broker = { cookie: "" };
    expect((await http("/signin", { jar: broker, form: { email: "broker@http.example", password: "correct horse battery staple" } })).status).toBe(302);

    const checked: { label: string; html: string; expect: string[] }[] = [];
    for (const [round, item] of created.entries()) {
      checked.push({
        label: `owner's edit page ${round}`,
        html: await page(`/my/ideas/${item.slug}`, innovator),
        expect: [...shortFields, ...longFields, "tags"].map((field) => marker(field, round)),
      });
      checked.push({
        label: `broker's review page ${round}`,
        html: await page(`/broker/idea/${item.id}`, broker),
        expect: ["title", "summary", "problem"].map((field) => marker(field, round)),
      });
      expect((await http(`/broker/idea/${item.id}`, { jar: broker, form: { intent: "claim" } })).status).toBe(302);
      const decided = await http(`/broker/idea/${item.id}`, {
        jar: broker,
        form: { intent: "decide", decision: "publish", evidenceLevel: "2", evidenceJustification: "<script>alert(1)</script> one line" },
      });
      expect(decided.status, await brief(decided)).toBe(302);
      checked.push({
        label: `public idea page ${round}`,
        html: await page(`/ideas/${item.slug}`),
        expect: [
          "title",
          "summary",
          "problem",
          "solution",
          "evidence",
          "costs",
          "uncontrolledLicence",
          "franchiseFeeModel",
          "takeoverTerms",
          "growthCapacity",
          "outcomes",
          "lessons",
        ].map((field) => marker(field, round)),
      });
    }
    checked.push({ label: "account page", html: await page("/account", innovator), expect: ["XSSnameX", "XSSorgX"] });
    checked.push({ label: "organisations", html: await page("/organisations"), expect: ["XSSorgX"] });
    checked.push({ label: "organisation page", html: await page(`/organisations/${organisationSlug(organisation)}`), expect: ["XSSorgX", marker("title", 0)] });
    // Search results (Meilisearch's highlighted snippets) once the relay has indexed them.
    // The page echoes the query, so wait on the API until the idea is really indexed.
    await waitUntilSearchable(marker("title", 0));
    const results = await (await http(`/ideas?q=${marker("title", 0)}`)).text();
    pages.push({ label: "search", body: results });
    checked.push({ label: "search results", html: results, expect: [marker("title", 0)] });

    const problems: string[] = [];
    for (const { label, html, expect: markers } of checked) {
      for (const problem of scriptableParts(html)) problems.push(`${label}: ${problem}`);
      // Tags are stored lower-cased.
      const text = textOf(html).toLowerCase();
      for (const expected of markers)
        if (!text.includes(expected.toLowerCase())) problems.push(`${label}: ${expected} is not shown, so that field went unchecked`);
    }
    expect(problems).toEqual([]);
  });

  it("stays data in the API: the text as written, as JSON that is never sniffed as HTML", async () => {
    await waitUntilSearchable(marker("title", 0));
    const response = await http(`/api/ideas?q=${marker("title", 0)}`);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'self'");
    const body = await response.text();
    pages.push({ label: "api search", body });
    // Consumers get exactly what was written; escaping is the job of whoever renders it.
    const { hits } = JSON.parse(body) as { hits: { title: string }[] };
    expect(hits[0].title).toContain("<script>alert(1)</script>");
  });
});

// ---------------------------------------------------------------------------------------
// Secrets

describe("the Meilisearch master key", () => {
  it("appears in no client asset and no page", async () => {
    const key = fs.readFileSync(path.join(server.dataDir, "meili-master-key"), "utf8").trim();
    expect(key.length).toBeGreaterThanOrEqual(16);
    const needles = [key, Buffer.from(key).toString("base64"), encodeURIComponent(key)];
    const assetsDir = path.join(server.appRoot, "public/build");
    const assets: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else assets.push(full);
      }
    };
    walk(assetsDir);
    expect(assets.some((file) => file.endsWith(".js"))).toBe(true);
    // The assets the server actually serves, and the pages of every kind of visitor.
    const manifest = await page("/");
    const served = [...manifest.matchAll(/(?:src|href)="(\/build\/[^"]+)"/g)].map((match) => match[1]);
    expect(served.length).toBeGreaterThan(0);
    const innovator = await signUp("innovator");
    for (const pathname of ["/ideas", "/needs", "/signin", "/signup", "/organisations", "/ideas?q=care"]) await page(pathname);
    for (const pathname of ["/account", "/my/ideas", "/my/ideas/new", "/notifications", "/account/settings"]) await page(pathname, innovator);
    const extras = await Promise.all(
      ["/healthz", "/api/ideas", "/api/needs", "/api/ideas/similar?title=care", ...served].map(async (pathname) => ({
        label: pathname,
        body: await (await http(pathname)).text(),
      })),
    );

    const leaks: string[] = [];
    for (const file of assets) {
      const content = fs.readFileSync(file, "utf8");
      for (const needle of needles) if (content.includes(needle)) leaks.push(path.relative(server.appRoot, file));
    }
    for (const { label, body } of [...pages, ...extras]) for (const needle of needles) if (body.includes(needle)) leaks.push(label);
    expect(leaks).toEqual([]);
    expect(pages.length + extras.length).toBeGreaterThan(15);
  });
});

/** Polls the JSON API (bounded) until a search for the text finds at least one idea. */
async function waitUntilSearchable(text: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const body = (await (await http(`/api/ideas?q=${encodeURIComponent(text)}`)).json()) as { total?: number };
    if ((body.total ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`"${text}" was not searchable after 20 s`);
}

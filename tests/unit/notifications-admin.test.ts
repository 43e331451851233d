// Pure helpers of notifications (digest timing and text, links in emails) and of the admin
// forms (organisation slugs, the user form as conform parses it).
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { createOrganisationSchema, organisationSlug, renameOrganisationSchema, userAccountSchema } from "../../app/domain/admin-forms";
import { absoluteLinks, buildDigestEmail, digestDue, digestWindowStart, linkLine, preferenceSchema } from "../../app/domain/notification-digest";

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
}

describe("daily digest timing", () => {
  const morning = new Date("2026-03-12T08:15:00Z");
  it("is due once a day, from the digest hour", () => {
    expect(digestDue(null, morning)).toBe(true);
    expect(digestDue(null, new Date("2026-03-12T06:59:00Z"))).toBe(false);
    expect(digestDue(new Date("2026-03-11T07:00:00Z"), morning)).toBe(true);
    expect(digestDue(new Date("2026-03-12T07:05:00Z"), morning)).toBe(false);
    expect(digestDue(new Date("2026-03-11T07:00:00Z"), new Date("2026-03-12T03:00:00Z"))).toBe(false);
  });

  it("can be run by hand before the digest hour, still once a day", () => {
    expect(digestDue(new Date("2026-03-11T07:00:00Z"), new Date("2026-03-12T03:00:00Z"), { ignoreHour: true })).toBe(true);
    expect(digestDue(new Date("2026-03-12T01:00:00Z"), new Date("2026-03-12T03:00:00Z"), { ignoreHour: true })).toBe(false);
    expect(digestDue(null, new Date("2026-03-12T10:00:00Z"), { hourUtc: 11 })).toBe(false);
  });

  it("starts a digest at the last one, or a day back for a first", () => {
    const last = new Date("2026-03-11T07:00:00Z");
    expect(digestWindowStart(last, morning)).toBe(last);
    expect(digestWindowStart(null, morning).toISOString()).toBe("2026-03-11T08:15:00.000Z");
  });
});

describe("digest email", () => {
  it("lists every notification with its reason and link", () => {
    const email = buildDigestEmail(
      "Ines",
      [
        {
          title: "Your idea “Shared reading” needs changes",
          body: "Describe the training.\nAnd the costs.",
          link: "/my/ideas/shared-reading",
          createdAt: new Date(),
        },
        { title: "Your role on the exchange is now broker", body: null, link: null, createdAt: new Date() },
      ],
      new Date("2026-03-12T08:00:00Z"),
    );
    expect(email.subject).toBe("Innovation Exchange: your daily digest (2 notifications)");
    expect(email.body).toContain("Hello Ines,");
    expect(email.body).toContain("12 March 2026");
    expect(email.body).toContain("* Your idea “Shared reading” needs changes\n  Describe the training.\n  And the costs.\n  Open it: /my/ideas/shared-reading");
    expect(email.body).toContain("* Your role on the exchange is now broker");
    expect(email.body).toContain(linkLine("/account/settings"));
  });
});

describe("links in emails", () => {
  it("makes site paths absolute when the public address is known", () => {
    const body = "Reason\n\nOpen it: /my/ideas/x\n  Open it: /needs/y\nOpen it: //evil.example/z\nSee /not-a-link";
    expect(absoluteLinks(body, "https://exchange.example.org/")).toBe(
      "Reason\n\nOpen it: https://exchange.example.org/my/ideas/x\n  Open it: https://exchange.example.org/needs/y\nOpen it: //evil.example/z\nSee /not-a-link",
    );
    expect(absoluteLinks(body, undefined)).toBe(body);
  });
});

describe("notification preference form", () => {
  it("accepts only immediately, daily or off", () => {
    expect(parseWithZod(form({ notificationPreference: "daily" }), { schema: preferenceSchema }).status).toBe("success");
    expect(parseWithZod(form({ notificationPreference: "weekly" }), { schema: preferenceSchema }).status).toBe("error");
    expect(parseWithZod(form({}), { schema: preferenceSchema }).status).toBe("error");
  });
});

describe("admin forms", () => {
  it("derives an organisation's address from its name", () => {
    expect(organisationSlug("Northshire County Council")).toBe("northshire-county-council");
    expect(organisationSlug("  Bromley-by-Bow Centre (London) ")).toBe("bromley-by-bow-centre-london");
    expect(organisationSlug("Café Société")).toBe("cafe-societe");
    expect(organisationSlug("!!!")).toBe("organisation");
  });

  it("reads an empty organisation choice as none, and refuses unknown roles", () => {
    const ok = parseWithZod(form({ intent: "update-user", userId: "u1", role: "broker", organisationId: "" }), { schema: userAccountSchema });
    expect(ok.status === "success" && ok.value).toEqual({ intent: "update-user", userId: "u1", role: "broker", organisationId: undefined });
    const withOrganisation = parseWithZod(form({ intent: "update-user", userId: "u1", role: "admin", organisationId: "4" }), { schema: userAccountSchema });
    expect(withOrganisation.status === "success" && withOrganisation.value.organisationId).toBe(4);
    expect(parseWithZod(form({ intent: "update-user", userId: "u1", role: "superuser" }), { schema: userAccountSchema }).status).toBe("error");
  });

  it("requires an organisation name of 2 to 120 characters", () => {
    expect(parseWithZod(form({ intent: "create", name: " x " }), { schema: createOrganisationSchema }).status).toBe("error");
    expect(parseWithZod(form({ intent: "create", name: "x".repeat(121) }), { schema: createOrganisationSchema }).status).toBe("error");
    const renamed = parseWithZod(form({ intent: "rename", organisationId: "3", name: " Kirklees Council " }), { schema: renameOrganisationSchema });
    expect(renamed.status === "success" && renamed.value).toEqual({ intent: "rename", organisationId: 3, name: "Kirklees Council" });
  });
});

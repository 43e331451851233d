import { describe, expect, it } from "vitest";
import {
  byUrgency,
  canConfirmFromQueue,
  inMatchQueueView,
  matchQueueActionSchema,
  matchQueueSearch,
  parseMatchQueueParams,
  proposeMatchSchema,
} from "../../app/domain/match-queue";
import { DAY_MS } from "../../app/domain/match-workflow";

const now = new Date("2030-01-10T00:00:00Z");
const due = (days: number) => new Date(now.getTime() + days * DAY_MS);

describe("the match queue's parameters", () => {
  it("reads views, status, need and page, falling back to the defaults on junk", () => {
    expect(parseMatchQueueParams(new URLSearchParams("view=overdue&status=piloting&need=Cold-Homes&page=3"))).toEqual({
      view: "overdue",
      status: "piloting",
      need: "cold-homes",
      page: 3,
    });
    expect(parseMatchQueueParams(new URLSearchParams("view=x&status=open&need=../etc&page=-1"))).toEqual({
      view: "awaiting",
      status: null,
      need: null,
      page: 1,
    });
    expect(parseMatchQueueParams(new URLSearchParams("page=1.5"))).toMatchObject({ page: 1 });
  });

  it("writes a query string without the defaults", () => {
    expect(matchQueueSearch({ view: "awaiting", page: 1 })).toBe("");
    expect(matchQueueSearch({ view: "all", status: "declined", need: "a-need", page: 2 })).toBe("?view=all&status=declined&need=a-need&page=2");
  });
});

describe("the views and their order", () => {
  const suggested = { id: 1, status: "suggested" as const, confirmed: false, dueAt: due(-1) };
  const confirmed = { id: 2, status: "shortlisted" as const, confirmed: true, dueAt: due(3) };
  const piloting = { id: 3, status: "piloting" as const, confirmed: true, dueAt: due(100) };
  const declined = { id: 4, status: "declined" as const, confirmed: false, dueAt: null };

  it("puts each match in the views it belongs to", () => {
    const ids = (view: "awaiting" | "open" | "overdue" | "all") =>
      [suggested, confirmed, piloting, declined].filter((match) => inMatchQueueView(match, view, null, now)).map((match) => match.id);
    expect(ids("awaiting")).toEqual([1]);
    expect(ids("open")).toEqual([1, 2, 3]);
    expect(ids("overdue")).toEqual([1]);
    expect(ids("all")).toEqual([1, 2, 3, 4]);
    expect(inMatchQueueView(piloting, "open", "suggested", now)).toBe(false);
  });

  it("orders by deadline, matches without one last", () => {
    expect([declined, piloting, confirmed, suggested].sort(byUrgency).map((match) => match.id)).toEqual([1, 2, 3, 4]);
  });

  it("offers confirmation only before it", () => {
    expect(canConfirmFromQueue(suggested)).toBe(true);
    expect(canConfirmFromQueue(confirmed)).toBe(false);
    expect(canConfirmFromQueue(piloting)).toBe(false);
  });
});

describe("the queue's forms", () => {
  it("requires a rationale to confirm and a reason to decline", () => {
    const confirm = matchQueueActionSchema.safeParse({ intent: "confirm", matchId: "4", rationale: "   " });
    expect(confirm.success).toBe(false);
    expect(confirm.error!.issues[0].message).toMatch(/Give a rationale/);
    expect(matchQueueActionSchema.safeParse({ intent: "decline", matchId: "4" }).success).toBe(false);
    expect(matchQueueActionSchema.parse({ intent: "decline", matchId: "4", reason: " No. " })).toEqual({ intent: "decline", matchId: 4, reason: "No." });
    expect(matchQueueActionSchema.safeParse({ intent: "confirm", matchId: "-1", rationale: "x" }).success).toBe(false);
  });

  it("normalises the proposal's slugs", () => {
    expect(proposeMatchSchema.parse({ intent: "propose", need: " Cold-Homes ", idea: "Warm-Home" })).toMatchObject({ need: "cold-homes", idea: "warm-home" });
    expect(proposeMatchSchema.safeParse({ intent: "propose", need: "", idea: "x" }).error!.issues[0].message).toBe("Choose an open need");
  });
});

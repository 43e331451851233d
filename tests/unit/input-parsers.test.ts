import { describe, expect, it } from "vitest";
import { datePartsOf, parseDateParts, parseMoney } from "../../app/domain/input-parsers";

describe("parseMoney", () => {
  it.each([
    ["20000", 20000],
    ["£20,000", 20000],
    ["£50k", 50000],
    ["50K", 50000],
    ["£1.5m", 1500000],
    ["£2.5 million", 2500000],
    ["20 000", 20000],
    ["£20,000.00", 20000],
    ["GBP 300", 300],
    ["0", 0],
  ])("reads %s as %d pounds", (input, pounds) => {
    expect(parseMoney(input, "the budget")).toEqual({ ok: true, value: pounds });
  });

  it.each([
    ["fifty thousand", "Enter the budget in pounds, like £50,000 or £50k"],
    ["£2,00", "Enter the budget in pounds, like £50,000 or £50k"],
    ["$500", "Enter the budget in pounds, like £50,000 or £50k"],
    ["-£500", "The budget must not be negative"],
    ["£20,000.50", "Enter the budget in whole pounds, like £50,000"],
    ["£2bn", "The budget must be £1bn or less"],
  ])("refuses %s with a message saying what to type", (input, message) => {
    expect(parseMoney(input, "the budget")).toEqual({ ok: false, message });
  });
});

describe("parseDateParts", () => {
  it("reads the three boxes, with a month by number or by name", () => {
    expect(parseDateParts({ day: "31", month: "12", year: "2026" }, "The deadline")).toEqual({ ok: true, value: "2026-12-31" });
    expect(parseDateParts({ day: "1", month: "Mar", year: "2027" }, "The deadline")).toEqual({ ok: true, value: "2027-03-01" });
    expect(parseDateParts({ day: "9", month: "september", year: "2027" }, "The deadline")).toEqual({ ok: true, value: "2027-09-09" });
  });

  it.each(["31/12/2026", "31-12-2026", "31.12.2026", "31 December 2026", "2026-12-31"])("reads a whole date typed in the day box: %s", (whole) => {
    expect(parseDateParts({ day: whole }, "The deadline")).toEqual({ ok: true, value: "2026-12-31" });
  });

  it("is empty when every box is", () => {
    expect(parseDateParts({ day: " ", month: "", year: undefined }, "The deadline")).toEqual({ ok: true, value: null });
  });

  it.each([
    [{ day: "31", month: "", year: "2026" }, "The deadline must include a month"],
    [{ day: "", month: "", year: "2026" }, "The deadline must include a day and a month"],
    [{ day: "31", month: "2", year: "2027" }, "The deadline must be a real date"],
    [{ day: "29", month: "2", year: "2027" }, "The deadline must be a real date"],
    [{ day: "1", month: "13", year: "2027" }, "The deadline must be a real date"],
    [{ day: "1", month: "1", year: "27" }, "Year must include 4 numbers"],
    [{ day: "next spring" }, "The deadline must include a month and a year"],
  ])("refuses %o: %s", (parts, message) => {
    expect(parseDateParts(parts, "The deadline")).toEqual({ ok: false, message });
  });

  it("accepts 29 February in a leap year, and gives the boxes back from an ISO date", () => {
    expect(parseDateParts({ day: "29", month: "2", year: "2028" }, "The deadline")).toEqual({ ok: true, value: "2028-02-29" });
    expect(datePartsOf("2027-03-01")).toEqual({ day: "1", month: "3", year: "2027" });
    expect(datePartsOf(null)).toEqual({ day: "", month: "", year: "" });
  });
});

import { describe, expect, it } from "vitest";
import { pageWindow } from "../../app/components/pagination";

describe("the pages a pagination links", () => {
  it("always shows the first and last page, the current one with its neighbours, and gaps", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(5, 12)).toEqual([1, null, 4, 5, 6, null, 12]);
    expect(pageWindow(1, 12)).toEqual([1, 2, null, 12]);
    expect(pageWindow(12, 12)).toEqual([1, null, 11, 12]);
    // A gap of one page shows the page rather than an ellipsis.
    expect(pageWindow(4, 12)).toEqual([1, 2, 3, 4, 5, null, 12]);
  });
});

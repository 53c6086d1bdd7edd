import { describe, expect, it } from "vitest";
import { pageCount, pageUrl, pageWindow, paginate } from "../../src/lib/paginate.ts";

const items = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("paginate", () => {
  it("gives an empty list one empty page with no neighbours", () => {
    const pages = paginate([], 20, "/tags/x/");
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({
      items: [],
      pageNumber: 0,
      url: "/tags/x/",
      hrefs: ["/tags/x/"],
    });
    expect(pages[0]!.href.previous).toBeUndefined();
    expect(pages[0]!.href.next).toBeUndefined();
  });

  it("puts 1 item on one page", () => {
    const pages = paginate(items(1), 20, "/tags/x/");
    expect(pages.map((p) => p.items)).toEqual([[1]]);
  });

  it("puts exactly 20 items on one page", () => {
    const pages = paginate(items(20), 20, "/tags/x/");
    expect(pages).toHaveLength(1);
    expect(pages[0]!.items).toHaveLength(20);
    expect(pages[0]!.href.next).toBeUndefined();
  });

  it("moves the 21st item to /2/, linked both ways", () => {
    const [first, second, ...rest] = paginate(items(21), 20, "/tags/x/");
    expect(rest).toHaveLength(0);
    expect(first!.items).toEqual(items(20));
    expect(second!.items).toEqual([21]);
    expect(second!.url).toBe("/tags/x/2/");
    expect(first!.href).toEqual({
      previous: undefined,
      next: "/tags/x/2/",
      first: "/tags/x/",
      last: "/tags/x/2/",
    });
    expect(second!.href).toEqual({
      previous: "/tags/x/",
      next: undefined,
      first: "/tags/x/",
      last: "/tags/x/2/",
    });
    expect(second!.pages).toHaveLength(2);
  });

  it("refuses a page size that is not a positive whole number", () => {
    expect(() => paginate(items(3), 0, "/x/")).toThrow(/size/);
    expect(() => paginate(items(3), 1.5, "/x/")).toThrow(/size/);
  });
});

describe("page helpers", () => {
  it("counts pages, with one for an empty list", () => {
    expect([0, 1, 20, 21, 40, 41].map((n) => pageCount(n, 20))).toEqual([1, 1, 1, 2, 2, 3]);
  });

  it("numbers page URLs from 2", () => {
    expect([0, 1, 2].map((n) => pageUrl("/tags/x/", n))).toEqual([
      "/tags/x/",
      "/tags/x/2/",
      "/tags/x/3/",
    ]);
  });

  it("links the ends and a window, with gaps", () => {
    expect(pageWindow(0, 1)).toEqual([0]);
    expect(pageWindow(5, 10)).toEqual([0, null, 3, 4, 5, 6, 7, null, 9]);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, buildFixture, makeFixture, md, page } from "../helpers/fixture.ts";

const action = (title: string, date: string, deadline: string) =>
  md(
    `title: ${title}\ndate: ${date}\ncategory: campaign\ncta:\n  label: Sign\n  url: https://example.org/${date}\n  deadline: ${deadline}`,
  );

// BUILD_DATE is 2024-02-22: actions whose deadline is before it are closed.
const files: Record<string, string> = {
  "actions/closed-newest.md": action("Closed newest", "2024-02-20", "2024-02-21"),
  "actions/open-new.md": action("Open new", "2024-02-19", "2024-03-30"),
  "actions/closed-middle.md": action("Closed middle", "2024-02-18", "2024-02-19"),
  "actions/open-old.md": action("Open old", "2024-01-05", "2024-04-30"),
  "actions/open-oldest.md": action("Open oldest", "2023-12-01", "2024-05-30"),
};

let out: string;
beforeAll(async () => {
  const dir = makeFixture(files, DEFAULT_SETTINGS.replace("pageSize: 20", "pageSize: 2"));
  const result = await buildFixture(dir);
  expect(result.code, result.stderr).toBe(0);
  out = result.out;
});

const titles = (doc: Document, selector: string) =>
  [...doc.querySelectorAll(selector)].map((e) => e.textContent);

describe("/actions/", () => {
  it("lists open actions first, newest first, then the closed ones under their own heading", () => {
    const pages = ["/actions/", "/actions/2/", "/actions/3/"].map((url) => page(out, url));
    expect(pages.map((doc) => titles(doc, "main .card__title"))).toEqual([
      ["Open new", "Open old"],
      ["Open oldest", "Closed newest"],
      ["Closed middle"],
    ]);
    expect(pages.map((doc) => titles(doc, "main h2:not(.card__title)"))).toEqual([
      [],
      ["Closed actions"],
      ["Closed actions"],
    ]);
    // Open cards sit under the page's h1, closed ones under the "Closed actions" h2.
    expect(titles(pages[1]!, "main h2.card__title")).toEqual(["Open oldest"]);
    expect(titles(pages[1]!, "main h2 ~ .cards h3.card__title")).toEqual(["Closed newest"]);
    expect(pages[2]!.querySelector("main .card")?.classList.contains("card--closed")).toBe(true);
  });

  it("keeps the pagination to three pages", () => {
    const doc = page(out, "/actions/2/");
    expect(doc.querySelector(".page-count")?.textContent).toBe("page 2 of 3");
    expect(doc.querySelector("a[rel=prev]")?.getAttribute("href")).toBe("/actions/");
    expect(doc.querySelector("a[rel=next]")?.getAttribute("href")).toBe("/actions/3/");
  });
});

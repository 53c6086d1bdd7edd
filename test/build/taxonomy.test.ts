import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, makeFixture, md, page, readOut } from "../helpers/fixture.ts";

const files: Record<string, string> = {
  // 21 items on one tag, written three ways: one tag, two pages.
  ...Object.fromEntries(
    Array.from({ length: 21 }, (_, i) => {
      const n = String(i + 1).padStart(2, "0");
      const spelling = ["Palestine", "palestine", " Palestine "][i % 3];
      return [
        `articles/p-${n}.md`,
        md(
          `title: Palestine story ${n}\ndate: 2024-01-${n}\ncategory: news\ntags: ["${spelling}"]\nsummary: Story ${n}.`,
        ),
      ];
    }),
  ),
  "articles/arabic.md": md(
    'title: Arabic tag story\ndate: 2024-02-01\ncategory: news\ntags: ["غزة"]',
  ),
  "articles/city-space.md": md(
    'title: City with a space\ndate: 2024-02-02\ncategory: analysis\ntags: ["gaza city"]',
  ),
  "articles/city-hyphen.md": md(
    'title: City with a hyphen\ndate: 2024-02-03\ncategory: analysis\ntags: ["gaza-city"]',
  ),
  "articles/punctuation.md": md(
    'title: Punctuation tag\ndate: 2024-02-04\ncategory: statement\ntags: ["!!!"]',
  ),
  "articles/draft.md": md(
    "title: Hidden draft\ndate: 2024-02-05\ncategory: news\ndraft: true\ntags: [draftonly, palestine]",
  ),
  "actions/petition.md": md(
    "title: Sign the petition\ndate: 2024-02-06\ncategory: campaign\ntags: [palestine]\ncta:\n  label: Sign\n  url: https://example.org/sign",
  ),
  "pages/twinning.md": md(
    "title: How twinning works\ndate: 2021-01-01\ntags: [pageonly]",
    "Standing page.",
  ),
};

const cardTitles = (doc: Document) =>
  [...doc.querySelectorAll(".cards .card__title a")].map((a) => a.textContent?.trim());
/** The topic's own Atom feed announced in <head> (the site-wide feed is announced on every page). */
const feedLink = (doc: Document) =>
  [...doc.querySelectorAll('head link[rel="alternate"][type="application/atom+xml"]')].find((l) =>
    /\/(tags|categories)\//.test(l.getAttribute("href") ?? ""),
  );
const hrefs = (doc: Document, selector: string) =>
  [...doc.querySelectorAll(selector)].map((a) => a.getAttribute("href"));
/** The built file behind a site URL as a link carries it (percent-encoded or not). */
const fileFor = (out: string, href: string, prefix = "/") =>
  path.join(
    out,
    decodeURIComponent(href).slice(prefix.length - 1),
    href.endsWith("/") ? "index.html" : "",
  );

let out: string;
let prefixed: string;
beforeAll(async () => {
  const dir = makeFixture(files);
  const dir7 = makeFixture(files);
  const [plain, pr] = await Promise.all([
    buildFixture(dir),
    buildFixture(dir7, { pathPrefix: "/pr-7/" }),
  ]);
  expect(plain.code, plain.stderr).toBe(0);
  expect(pr.code, pr.stderr).toBe(0);
  out = plain.out;
  prefixed = pr.out;
});

describe("tag pages", () => {
  it("make Palestine, palestine and ' Palestine ' one tag, 20 a page, newest first", () => {
    const first = page(out, "/tags/palestine/");
    expect(first.querySelector("h1")?.textContent).toContain("Topic: Palestine");
    const titles = cardTitles(first);
    expect(titles).toHaveLength(20);
    expect(titles[0]).toBe("Sign the petition");
    expect(titles[1]).toBe("Palestine story 21");
    expect(titles[19]).toBe("Palestine story 03");
    expect(cardTitles(page(out, "/tags/palestine/2/"))).toEqual([
      "Palestine story 02",
      "Palestine story 01",
    ]);
    expect(existsSync(path.join(out, "tags/palestine/3"))).toBe(false);
    expect(
      readdirSync(path.join(out, "tags")).filter((d) => d.toLowerCase().includes("palestine")),
    ).toEqual(["palestine"]);
  });

  it("link their pages with rel prev/next and page numbers", () => {
    const first = page(out, "/tags/palestine/");
    const second = page(out, "/tags/palestine/2/");
    expect(first.querySelector('.pagination a[rel="next"]')?.getAttribute("href")).toBe(
      "/tags/palestine/2/",
    );
    expect(first.querySelector('.pagination a[rel="prev"]')).toBeNull();
    expect(second.querySelector('.pagination a[rel="prev"]')?.getAttribute("href")).toBe(
      "/tags/palestine/",
    );
    expect(second.querySelector('.pagination a[rel="next"]')).toBeNull();
    expect(second.querySelector('.pagination a[aria-current="page"]')?.textContent).toContain("2");
    expect(hrefs(first, ".pagination a:not([rel])")).toEqual([
      "/tags/palestine/",
      "/tags/palestine/2/",
    ]);
  });

  it("show items with the same cards as other lists", () => {
    const card = page(out, "/tags/palestine/").querySelector(".cards .card--actions");
    expect(card?.querySelector(".card__title a")?.getAttribute("href")).toBe("/actions/petition/");
    expect(card?.querySelector(".cta a")?.getAttribute("href")).toBe("https://example.org/sign");
  });

  it("give a non-Latin tag its own working page, reached from the item", () => {
    const link = page(out, "/articles/arabic/").querySelector('a[rel="tag"]')!;
    expect(link.textContent).toBe("غزة");
    const href = link.getAttribute("href")!;
    expect(decodeURIComponent(href)).toBe("/tags/غزة/");
    expect(cardTitles(page(out, decodeURIComponent(href)))).toEqual(["Arabic tag story"]);
  });

  it("never put two different tags on one page, and never use an empty slug", () => {
    const space = page(out, "/articles/city-space/")
      .querySelector('a[rel="tag"]')!
      .getAttribute("href")!;
    const hyphen = page(out, "/articles/city-hyphen/")
      .querySelector('a[rel="tag"]')!
      .getAttribute("href")!;
    expect(hyphen).toBe("/tags/gaza-city/");
    expect(space).not.toBe(hyphen);
    expect(space).toMatch(/^\/tags\/gaza-city-[0-9a-f]{6}\/$/);
    expect(cardTitles(page(out, space))).toEqual(["City with a space"]);
    expect(cardTitles(page(out, hyphen))).toEqual(["City with a hyphen"]);
    const bang = page(out, "/articles/punctuation/")
      .querySelector('a[rel="tag"]')!
      .getAttribute("href")!;
    expect(bang).toMatch(/^\/tags\/tag-[0-9a-f]{6}\/$/);
    expect(cardTitles(page(out, bang))).toEqual(["Punctuation tag"]);
  });

  it("give standing pages' tags a page too, and drafts' tags none", () => {
    const href = page(out, "/twinning/").querySelector('a[rel="tag"]')?.getAttribute("href");
    expect(href).toBe("/tags/pageonly/");
    expect(cardTitles(page(out, "/tags/pageonly/"))).toEqual(["How twinning works"]);
    expect(existsSync(path.join(out, "tags/draftonly"))).toBe(false);
    expect(
      readOut(out, "tags/palestine/index.html") + readOut(out, "tags/palestine/2/index.html"),
    ).not.toContain("Hidden draft");
  });

  it("are listed at /tags/ with their counts, every link working", () => {
    const index = page(out, "/tags/");
    const rows = [...index.querySelectorAll("main li")].map((li) =>
      li.textContent?.replace(/\s+/g, " ").trim(),
    );
    expect(rows).toContain("Palestine (22 items)");
    expect(rows).toContain("غزة (1 item)");
    expect(rows.some((r) => r?.startsWith("draftonly"))).toBe(false);
    expect(hrefs(index, "main li a")).toHaveLength(rows.length);
    for (const href of hrefs(index, "main li a"))
      expect(existsSync(fileFor(out, href!)), href!).toBe(true);
  });
});

describe("category pages", () => {
  it("use the label from the settings and list the category's items", () => {
    const doc = page(out, "/categories/campaign/");
    expect(doc.querySelector("h1")?.textContent).toBe("Campaigns (petitions, letters, lobbying)");
    expect(cardTitles(doc)).toEqual(["Sign the petition"]);
    expect(cardTitles(page(out, "/categories/news/"))).toHaveLength(20);
    // 21 stories and the Arabic one; the draft is left out.
    expect(cardTitles(page(out, "/categories/news/2/"))).toEqual([
      "Palestine story 02",
      "Palestine story 01",
    ]);
  });

  it("exist for a category with nothing in it yet, saying so", () => {
    expect(page(out, "/categories/culture/").querySelector("main")?.textContent).toContain(
      "Nothing here yet",
    );
  });

  it("are listed at /categories/ with labels and counts", () => {
    const index = page(out, "/categories/");
    const rows = [...index.querySelectorAll("main li")].map((li) =>
      li.textContent?.replace(/\s+/g, " ").trim(),
    );
    expect(rows).toContain("News (22 items)");
    expect(rows).toContain("Campaigns (petitions, letters, lobbying) (1 item)");
    expect(rows).toContain("Film, radio and books (0 items)");
    expect(hrefs(index, "main li a")).toContain("/categories/analysis/");
  });

  it("are where the item kicker links", () => {
    expect(
      page(out, "/actions/petition/").querySelector(".item__kicker a")?.getAttribute("href"),
    ).toBe("/categories/campaign/");
  });
});

describe("per-topic feeds", () => {
  it("are announced on every page of the topic", () => {
    for (const url of ["/tags/palestine/", "/tags/palestine/2/"]) {
      expect(feedLink(page(out, url))?.getAttribute("href"), url).toBe("/tags/palestine/feed.xml");
    }
    expect(feedLink(page(out, "/categories/campaign/"))?.getAttribute("href")).toBe(
      "/categories/campaign/feed.xml",
    );
    expect(
      page(out, "/tags/palestine/").querySelector('main a[href="/tags/palestine/feed.xml"]'),
    ).not.toBeNull();
  });

  it("read back as Atom: newest first, summaries only, capped at feedSize", () => {
    const feed = parseFeed(readOut(out, "tags/palestine/feed.xml"));
    expect(feed.title).toBe("Fixture Digest: Palestine");
    expect(feed.self).toBe("https://fixture.example.org/tags/palestine/feed.xml");
    expect(feed.url).toBe("https://fixture.example.org/tags/palestine/");
    expect(feed.items).toHaveLength(20);
    expect(feed.items[0]?.title).toBe("Sign the petition");
    expect(feed.items[1]?.url).toBe("https://fixture.example.org/articles/p-21/");
    expect(feed.items[1]?.description).toBe("Story 21.");
    expect(
      feed.items.every((item) => item.content === null || item.content === item.description),
    ).toBe(true);
    expect(feed.items.some((item) => item.title === "Hidden draft")).toBe(false);
  });

  it("exist for non-Latin tags and for every category", () => {
    const arabic = parseFeed(readOut(out, "tags/غزة/feed.xml"));
    expect(arabic.items.map((i) => i.title)).toEqual(["Arabic tag story"]);
    const campaign = parseFeed(readOut(out, "categories/campaign/feed.xml"));
    expect(campaign.title).toBe("Fixture Digest: Campaigns (petitions, letters, lobbying)");
    expect(campaign.items.map((i) => i.url)).toEqual([
      "https://fixture.example.org/actions/petition/",
    ]);
    expect(parseFeed(readOut(out, "categories/culture/feed.xml")).items).toHaveLength(0);
  });
});

describe("under a path prefix", () => {
  it("links tag and category pages, their pages and feeds under /pr-7/", () => {
    const first = page(prefixed, "/tags/palestine/");
    expect(feedLink(first)?.getAttribute("href")).toBe("/pr-7/tags/palestine/feed.xml");
    expect(first.querySelector('.pagination a[rel="next"]')?.getAttribute("href")).toBe(
      "/pr-7/tags/palestine/2/",
    );
    expect(first.querySelector(".card__title a")?.getAttribute("href")).toBe(
      "/pr-7/actions/petition/",
    );
    expect(
      page(prefixed, "/articles/arabic/").querySelector('a[rel="tag"]')?.getAttribute("href"),
    ).toMatch(/^\/pr-7\/tags\//);
    const links = hrefs(page(prefixed, "/tags/"), "main li a");
    expect(links.length).toBeGreaterThan(3);
    for (const href of links) {
      expect(href).toMatch(/^\/pr-7\//);
      expect(existsSync(fileFor(prefixed, href!, "/pr-7/")), href!).toBe(true);
    }
    const feed = parseFeed(readOut(prefixed, "categories/campaign/feed.xml"));
    expect(feed.self).toBe("https://fixture.example.org/pr-7/categories/campaign/feed.xml");
    expect(feed.items[0]?.url).toBe("https://fixture.example.org/pr-7/actions/petition/");
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, makeFixture, md, page, readOut } from "../helpers/fixture.ts";
import { listFiles } from "../helpers/files.ts";

const files: Record<string, string> = {
  "articles/xss.md": md(
    'title: "<script>alert(1)</script> Ceasefire vote"\ndate: 2024-02-21\ncategory: news\ntags: [Palestine, " palestine ", Gaza]\nsummary: "MPs <b>were</b> stopped."\nauthor: Isabel\nsource:\n  name: Socialist Worker\n  url: https://example.org/story',
    "Body with {{ x }} and {% raw %} and <script>alert(2)</script> and a [link](/actions/open-petition/).",
  ),
  "articles/2024/nested.md": md(
    "title: Nested article\ndate: 2024-02-20\ncategory: analysis\ntags: [gaza]",
  ),
  "articles/secret-draft.md": md(
    "title: Secret draft zebra\ndate: 2024-02-01\ncategory: news\ndraft: true\ntags: [draftonlytag]",
  ),
  "articles/future.md": md(
    "title: Future scheduled yak\ndate: 2024-03-01\ncategory: news\ntags: [scheduledonlytag]",
  ),
  "actions/open-petition.md": md(
    "title: Open petition\ndate: 2024-02-10\ncategory: campaign\ncta:\n  label: Sign the petition\n  url: https://example.org/sign\n  deadline: 2024-02-22",
  ),
  "actions/closed-petition.md": md(
    "title: Closed petition\ndate: 2021-04-10\ncategory: campaign\ncta:\n  label: Sign\n  url: https://example.org/old\n  deadline: 2021-04-20",
  ),
  "pages/about.md": md("title: About us\ndate: 2021-01-01", "Who we are."),
};
for (let n = 1; n <= 21; n++) {
  files[`articles/bulk/item-${String(n).padStart(2, "0")}.md`] = md(
    `title: Bulk ${n}\ndate: 2023-01-${String(n).padStart(2, "0")}\ncategory: news`,
  );
}

let out: string;
let second: string;
beforeAll(async () => {
  const dir = makeFixture(files);
  const [a, b] = await Promise.all([buildFixture(dir), buildFixture(makeFixture(files))]);
  expect(a.code, a.stderr).toBe(0);
  expect(b.code, b.stderr).toBe(0);
  out = a.out;
  second = b.out;
});

describe("escaping", () => {
  it("shows a <script> title as text everywhere", () => {
    const doc = page(out, "/articles/xss/");
    expect(doc.querySelector("h1")?.textContent).toBe("<script>alert(1)</script> Ceasefire vote");
    // The only scripts: structured data, and the site's own share script (no inline code).
    const scripts = [...doc.querySelectorAll("script:not([type='application/ld+json'])")];
    expect(scripts.map((s) => s.getAttribute("src"))).toEqual([
      expect.stringMatching(/^\/assets\/share\.[0-9a-f]{10}\.js$/),
    ]);
    expect(scripts[0]!.textContent).toBe("");
    const html = readOut(out, "articles/xss/index.html");
    expect(html).not.toContain("<script>alert");
    expect(readOut(out, "index.html")).not.toContain("<script>alert");
  });

  it("keeps template syntax and raw HTML in Markdown as text", () => {
    const prose = page(out, "/articles/xss/").querySelector(".prose")!;
    expect(prose.textContent).toContain("{{ x }} and {% raw %}");
    expect(prose.querySelector("script")).toBeNull();
    expect(prose.textContent).toContain("<script>alert(2)</script>");
  });
});

describe("pages", () => {
  it("publishes sections at their URLs, ignoring sub-folders", () => {
    expect(page(out, "/articles/nested/").querySelector("h1")?.textContent).toBe("Nested article");
    expect(page(out, "/about/").querySelector("h1")?.textContent).toBe("About us");
  });

  it("gives an article its date, author, category, tags, source and JSON-LD", () => {
    const doc = page(out, "/articles/xss/");
    expect(doc.querySelector(".item__meta time")?.getAttribute("datetime")).toBe("2024-02-21");
    expect(doc.querySelector(".item__meta")?.textContent).toContain("by Isabel");
    expect(doc.querySelector(".item__kicker a")?.textContent).toBe("News");
    expect([...doc.querySelectorAll(".tags a")].map((a) => a.textContent)).toEqual([
      "Palestine",
      "Gaza",
    ]);
    expect(doc.querySelector(".item__source a")?.getAttribute("href")).toBe(
      "https://example.org/story",
    );
    const ld = JSON.parse(doc.querySelector("script[type='application/ld+json']")!.textContent!);
    expect(ld).toMatchObject({
      "@type": "NewsArticle",
      headline: "<script>alert(1)</script> Ceasefire vote",
      datePublished: "2024-02-21",
      author: { name: "Isabel" },
    });
  });

  it("fills <head>: title, description, canonical, Open Graph, Twitter, feeds", () => {
    const doc = page(out, "/articles/xss/");
    const meta = (selector: string) => doc.querySelector(selector)?.getAttribute("content");
    expect(doc.title).toBe("<script>alert(1)</script> Ceasefire vote · Fixture Digest");
    expect(meta("meta[name=description]")).toBe("MPs <b>were</b> stopped.");
    expect(doc.querySelector("link[rel=canonical]")?.getAttribute("href")).toBe(
      "https://fixture.example.org/articles/xss/",
    );
    expect(meta("meta[property='og:url']")).toBe("https://fixture.example.org/articles/xss/");
    expect(meta("meta[property='og:type']")).toBe("article");
    // No picture of its own: the site's card, at its published (content-hashed) address.
    expect(meta("meta[name='twitter:card']")).toBe("summary_large_image");
    expect(meta("meta[property='og:image']")).toMatch(
      /^https:\/\/fixture\.example\.org\/assets\/share-card\.[0-9a-f]{10}\.png$/,
    );
    expect(meta("meta[property='og:image:alt']")).toBe("Fixture Digest");
    expect(
      doc.querySelector("link[rel=alternate][type='application/atom+xml']")?.getAttribute("href"),
    ).toBe("/feed.xml");
    expect(
      doc.querySelector("link[rel=alternate][type='application/feed+json']")?.getAttribute("href"),
    ).toBe("/feed.json");
    expect(
      doc.querySelector("meta[http-equiv='Content-Security-Policy']")?.getAttribute("content"),
    ).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
  });

  it("paginates /articles/ 20 a page, newest first", () => {
    const first = page(out, "/articles/");
    const titles = [...first.querySelectorAll(".card__title a")].map((a) => a.textContent);
    expect(titles).toHaveLength(20);
    expect(titles.slice(0, 2)).toEqual([
      "<script>alert(1)</script> Ceasefire vote",
      "Nested article",
    ]);
    expect(first.querySelector("a[rel=next]")?.getAttribute("href")).toBe("/articles/2/");
    const last = page(out, "/articles/2/");
    expect([...last.querySelectorAll(".card__title a")].map((a) => a.textContent)).toEqual([
      "Bulk 3",
      "Bulk 2",
      "Bulk 1",
    ]);
    expect(last.querySelector("a[rel=prev]")?.getAttribute("href")).toBe("/articles/");
    expect(first.title).toBe("Articles · Fixture Digest");
    expect(last.title).toBe("Page 2 of 2 · Articles · Fixture Digest");
  });

  it("writes 404.html, robots.txt and a sitemap", () => {
    expect(page(out, "/404.html").querySelector("h1")?.textContent).toBe("Page not found");
    expect(readOut(out, "robots.txt")).toBe(
      "User-agent: *\nAllow: /\nDisallow: /preview-\n\nSitemap: https://fixture.example.org/sitemap.xml\n",
    );
    const sitemap = readOut(out, "sitemap.xml");
    expect(sitemap).toContain(
      "<loc>https://fixture.example.org/articles/xss/</loc><lastmod>2024-02-21</lastmod>",
    );
    expect(sitemap).toContain("<loc>https://fixture.example.org/about/</loc>");
    expect(sitemap).not.toContain("404");
  });
});

describe("actions and deadlines", () => {
  it("shows an action open through its deadline day, with its button", () => {
    const doc = page(out, "/actions/open-petition/");
    expect(doc.querySelector(".cta a.button")?.getAttribute("href")).toBe(
      "https://example.org/sign",
    );
    expect(doc.querySelector(".cta__deadline")?.textContent).toBe("Open until 22 February 2024");
  });

  it("closes an action after its deadline and takes it off the home page", () => {
    const doc = page(out, "/actions/closed-petition/");
    expect(doc.querySelector("article.item .cta__status")?.textContent).toBe(
      "Closed on 20 April 2021",
    );
    expect(doc.querySelector("article.item .cta a.button")).toBeNull();
    const home = page(out, "/");
    const homeActions = [...home.querySelectorAll(".home__side .card__title a")].map(
      (a) => a.textContent,
    );
    expect(homeActions).toContain("Open petition");
    expect(homeActions).not.toContain("Closed petition");
    expect(page(out, "/actions/").querySelector(".card--closed .card__title")?.textContent).toBe(
      "Closed petition",
    );
  });
});

describe("drafts and scheduled items", () => {
  it("appear in no page, feed or sitemap of a production build", () => {
    const all = listFiles(out).filter((f) => /\.(html|xml|json|txt|ics)$/.test(f));
    expect(all.length).toBeGreaterThan(10);
    for (const file of all) {
      const text = readFileSync(path.join(out, file), "utf8");
      expect(text, file).not.toMatch(
        /Secret draft zebra|Future scheduled yak|secret-draft|draftonlytag|scheduledonlytag/,
      );
    }
    expect(listFiles(out).some((f) => f.includes("secret-draft") || f.includes("future"))).toBe(
      false,
    );
  });
});

describe("feeds", () => {
  it("writes an Atom feed that a feed parser reads, newest first, with absolute links", () => {
    const feed = parseFeed(readOut(out, "feed.xml"));
    expect(feed.meta.type).toBe("atom");
    expect(feed.title).toBe("Fixture Digest");
    expect(feed.items).toHaveLength(20);
    const first = feed.items[0]!;
    expect(first.title).toBe("<script>alert(1)</script> Ceasefire vote");
    expect(first.url).toBe("https://fixture.example.org/articles/xss/");
    expect(first.published?.toISOString()).toBe("2024-02-21T00:00:00.000Z");
    expect(first.content).toContain('href="https://fixture.example.org/actions/open-petition/"');
    expect(first.categories.map((c) => c.term)).toEqual(
      expect.arrayContaining(["news", "palestine", "gaza"]),
    );
  });

  it("writes a JSON Feed 1.1", () => {
    const feed = JSON.parse(readOut(out, "feed.json"));
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.feed_url).toBe("https://fixture.example.org/feed.json");
    expect(feed.items[0]).toMatchObject({
      id: "https://fixture.example.org/articles/xss/",
      date_published: "2024-02-21T00:00:00+00:00",
      external_url: "https://example.org/story",
      authors: [{ name: "Isabel" }],
    });
  });
});

describe("reproducible builds", () => {
  it("gives byte-identical output for the same content and build date", () => {
    const a = listFiles(out);
    expect(listFiles(second)).toEqual(a);
    for (const file of a) {
      expect(
        readFileSync(path.join(second, file)).equals(readFileSync(path.join(out, file))),
        file,
      ).toBe(true);
    }
  });
});
